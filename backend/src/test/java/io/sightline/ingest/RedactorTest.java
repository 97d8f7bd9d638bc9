package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = new Redactor(List.of("authorization", "password", "api[-_.]?key"));

    @Test
    void secretKeysLoseTheirWholeValue() {
        assertThat(redactor.redact("http.request.header.authorization", "anything"))
                .isEqualTo(Redactor.REDACTED);
        assertThat(redactor.redact("db.PASSWORD", "hunter2")).isEqualTo(Redactor.REDACTED);
        assertThat(redactor.redact("x-api-key", "k")).isEqualTo(Redactor.REDACTED);
        assertThat(redactor.redact("http.route", "/password/reset")).isEqualTo("/password/reset");
    }

    @Test
    void aRuleForEitherNameOfAnAttributeRedactsBoth() {
        Redactor byOldName = new Redactor(List.of("^enduser\\.id$"));
        Redactor byCurrentName = new Redactor(List.of("^user\\.id$"));

        for (Redactor rule : List.of(byOldName, byCurrentName)) {
            assertThat(rule.redact("enduser.id", "u-4242")).isEqualTo(Redactor.REDACTED);
            assertThat(rule.redact("user.id", "u-4242")).isEqualTo(Redactor.REDACTED);
            assertThat(rule.redact("user.name", "ada")).isEqualTo("ada");
        }
    }

    @Test
    void cardNumbersAndBearerTokensAreCutOutOfAnyValue() {
        assertThat(redactor.redact(
                        "db.query.text", "UPDATE cards SET pan = '4111 1111 1111 1111' WHERE id = 12345678901234"))
                .isEqualTo("UPDATE cards SET pan = '[REDACTED]' WHERE id = 12345678901234");
        assertThat(redactor.redact("note", "card 4111-1111-1111-1111.")).isEqualTo("card [REDACTED].");
        assertThat(redactor.redact("header", "Bearer eyJhbGciOiJIUzI1NiJ9.payload"))
                .isEqualTo("[REDACTED]");
    }

    @Test
    void bearerAndBasicCredentialsAreFoundInAnyCaseAnywhereInAValue() {
        assertThat(redactor.redact("message", "retrying with bEaReR abcdefgh12345678 now"))
                .isEqualTo("retrying with [REDACTED] now");
        assertThat(redactor.redact("message", "sent BASIC dXNlcjpwYXNzd29yZA== to the proxy"))
                .isEqualTo("sent [REDACTED] to the proxy");
        assertThat(redactor.redact("message", "a basic request, nothing secret"))
                .isEqualTo("a basic request, nothing secret");
    }

    @Test
    void ordinaryNumbersAndIdsStay() {
        assertThat(redactor.redact("order.id", "1234567890123")).isEqualTo("1234567890123");
        assertThat(redactor.redact("trace", "0af7651916cd43dd8448eb211c80319c"))
                .isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(redactor.redact("message", "took 4111111111111111ms")).isEqualTo("took 4111111111111111ms");
    }
}
