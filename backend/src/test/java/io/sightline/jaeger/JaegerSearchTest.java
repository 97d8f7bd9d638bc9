package io.sightline.jaeger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JaegerSearchTest {

    /**
     * Found writing JaegerSearchFuzzTest's invariant: {@code end} in 1677 was accepted, and the
     * default start an hour earlier has epoch nanoseconds below 2^-63, which overflow when bound.
     */
    @Test
    void timesBefore1970AreRefused() {
        for (String end : List.of("-9223372036854775", "-1")) {
            assertThatThrownBy(() -> JaegerSearch.parse(Map.of("service", List.of("a"), "end", List.of(end))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "unable to parse param 'end': expected epoch microseconds from 1970 to 2262, got " + end);
        }
        assertThatThrownBy(
                        () -> JaegerSearch.parse(Map.of("service", List.of("a"), "start", List.of("9223372036854776"))))
                .hasMessageContaining("expected epoch microseconds from 1970 to 2262");
    }

    @Test
    void epochMicrosecondsFrom1970On() {
        JaegerSearch search = JaegerSearch.parse(
                Map.of("service", List.of("a"), "start", List.of("0"), "end", List.of("86400000001")));

        assertThat(search.start()).isEqualTo(Instant.EPOCH);
        assertThat(search.end()).isEqualTo(Instant.parse("1970-01-02T00:00:00.000001Z"));
    }
}
