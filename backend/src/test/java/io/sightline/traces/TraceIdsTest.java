package io.sightline.traces;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceIdsTest {

    static final String ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "4BF92F3577B34DA6A3CE929D0E0E4736",
                " 4bf92f35-77b3-4da6-a3ce-929d0e0e4736 ",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01"
            })
    void everyCommonFormGivesTheStoredId(String pasted) {
        assertThat(TraceIds.normalise(pasted)).hasValue(ID);
    }

    @Test
    void sixteenDigitIdsAreLeftPaddedAsJaegerAndZipkinDo() {
        assertThat(TraceIds.normalise("A3CE929D0E0E4736")).hasValue("0000000000000000a3ce929d0e0e4736");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "  ",
                "not a trace",
                "4bf92f3577b34da6a3ce929d0e0e473",
                "4bf92f3577b34da6a3ce929d0e0e47361",
                "4bf92f3577b34da6a3ce929d0e0e473g",
                "00000000000000000000000000000000",
                "'; DROP TABLE spans; --",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7"
            })
    void anythingElseIsRejected(String pasted) {
        assertThat(TraceIds.normalise(pasted)).isEmpty();
    }

    @Test
    void nullIsRejected() {
        assertThat(TraceIds.normalise(null)).isEmpty();
    }
}
