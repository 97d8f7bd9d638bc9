package io.sightline.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.web.BadParameterException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tool arguments become the API's query parameters, written as a URL would carry them. */
class ToolArgumentsTest {

    @Test
    void numbersAreWrittenPlainlyAndListsGiveOneValuePerElement() {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("minMs", 1000.0);
        arguments.put("abovePercentile", 99.5);
        arguments.put("from", 1732442400000L);
        arguments.put("limit", 20);
        arguments.put("attr", List.of("http.request.method=POST", "region=eu"));
        arguments.put("flag", true);
        arguments.put("user", null);

        Map<String, List<String>> parameters = ToolArguments.of(arguments).parameters();

        assertThat(parameters)
                .containsOnly(
                        Map.entry("minMs", List.of("1000")),
                        Map.entry("abovePercentile", List.of("99.5")),
                        Map.entry("from", List.of("1732442400000")),
                        Map.entry("limit", List.of("20")),
                        Map.entry("attr", List.of("http.request.method=POST", "region=eu")),
                        Map.entry("flag", List.of("true")));
    }

    @Test
    void blankTextIsAbsentAsInTheApi() {
        assertThat(ToolArguments.of(Map.of("service", "  ")).text("service")).isNull();
        assertThat(ToolArguments.of(Map.of("service", " checkout ")).text("service"))
                .isEqualTo("checkout");
        assertThat(ToolArguments.of(null).parameters()).isEmpty();
    }

    @Test
    void objectsAndNonFiniteNumbersAreRefusedNamingTheArgument() {
        assertThatThrownBy(() -> ToolArguments.of(Map.of("service", Map.of("a", 1))))
                .isInstanceOf(BadParameterException.class)
                .hasMessage("'service' must be text, a number or a list of them");
        assertThatThrownBy(() -> ToolArguments.of(Map.of("minMs", Double.NaN)))
                .isInstanceOf(BadParameterException.class)
                .hasMessage("'minMs' must be text, a number or a list of them");
        assertThatThrownBy(() -> ToolArguments.of(Map.of("attr", List.of(List.of("x")))))
                .isInstanceOf(BadParameterException.class)
                .hasMessage("'attr' must be text, a number or a list of them");
    }
}
