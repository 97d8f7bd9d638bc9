package io.sightline.alerts;

import io.sightline.retry.RetryAfter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * One POST of a notification's body to its webhook, classified: 2xx is taken; no answer (refused,
 * reset, timed out), 5xx and 429 are worth another attempt, after {@code Retry-After} when the
 * webhook says; a redirect and any other 4xx are refused for good. Redirects are never followed: a
 * webhook could otherwise send the server to an address the URL check refused.
 */
final class WebhookAttempt {

    /** What one attempt came to. */
    sealed interface Result {
        record Taken() implements Result {}

        /** {@code after}: the webhook's {@code Retry-After}, or null. */
        record Retry(Duration after, String reason) implements Result {}

        record Refused(String reason) implements Result {}
    }

    private final HttpClient client;
    private final Duration timeout;

    WebhookAttempt(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Result post(URI webhook, String contentType, byte[] body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .header("User-Agent", "Sightline-Alerts")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return classify(response.statusCode(), response.headers().firstValue("Retry-After"), response.body());
        } catch (IOException e) {
            return new Result.Retry(null, "no answer: " + e);
        }
    }

    static Result classify(int status, Optional<String> retryAfter, byte[] body) {
        if (status >= 200 && status < 300) {
            return new Result.Taken();
        }
        String reason = "HTTP " + status + snippet(body);
        if (status == 429 || status >= 500) {
            return new Result.Retry(retryAfter.map(RetryAfter::parse).orElse(null), reason);
        }
        if (status >= 300 && status < 400) {
            return new Result.Refused(reason + ": redirects are not followed; use the URL it points to");
        }
        return new Result.Refused(reason);
    }

    /** The start of an error answer, enough to tell why. */
    private static String snippet(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8)
                .replaceAll("[\\p{Cntrl}&&[^\t]]", " ")
                .strip();
        return text.isEmpty() ? "" : " (" + text + ")";
    }

    void close() {
        client.shutdownNow();
    }
}
