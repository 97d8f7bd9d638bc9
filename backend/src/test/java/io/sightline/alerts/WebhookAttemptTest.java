package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookAttemptTest {

    private static final byte[] NO_BODY = new byte[0];

    @Test
    void twoHundredsAreTaken() {
        for (int status : new int[] {200, 201, 202, 204}) {
            assertThat(WebhookAttempt.classify(status, Optional.empty(), NO_BODY))
                    .as("HTTP " + status)
                    .isEqualTo(new WebhookAttempt.Result.Taken());
        }
    }

    @Test
    void serverErrorsAndTooManyRequestsAreRetriedHonouringRetryAfter() {
        for (int status : new int[] {429, 500, 502, 503, 504}) {
            assertThat(WebhookAttempt.classify(status, Optional.of("7"), NO_BODY))
                    .as("HTTP " + status)
                    .isEqualTo(new WebhookAttempt.Result.Retry(Duration.ofSeconds(7), "HTTP " + status));
        }
        assertThat(WebhookAttempt.classify(503, Optional.empty(), "busy\n".getBytes()))
                .isEqualTo(new WebhookAttempt.Result.Retry(null, "HTTP 503 (busy)"));
        assertThat(WebhookAttempt.classify(503, Optional.of("soon"), NO_BODY))
                .as("an unreadable Retry-After leaves the backoff to decide")
                .isEqualTo(new WebhookAttempt.Result.Retry(null, "HTTP 503"));
    }

    @Test
    void otherClientErrorsAndRedirectsAreRefusedForGood() {
        for (int status : new int[] {400, 401, 403, 404, 410, 413}) {
            assertThat(WebhookAttempt.classify(status, Optional.of("7"), "no_text".getBytes()))
                    .as("HTTP " + status)
                    .isEqualTo(new WebhookAttempt.Result.Refused("HTTP " + status + " (no_text)"));
        }
        for (int status : new int[] {301, 302, 307, 308}) {
            assertThat(WebhookAttempt.classify(status, Optional.empty(), NO_BODY))
                    .as("HTTP " + status)
                    .isEqualTo(new WebhookAttempt.Result.Refused(
                            "HTTP " + status + ": redirects are not followed; use the URL it points to"));
        }
    }
}
