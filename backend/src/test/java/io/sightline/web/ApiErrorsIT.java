package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every numeric parameter of every JSON API, oversized, negative and garbage: 400 with
 * {@code {"error", "parameter"}} and the message, never a 500; the same for what Spring rejects
 * itself; Jaeger keeps its own envelope; pages show the same message.
 */
class ApiErrorsIT extends IntegrationTest {

    static final String OVERSIZED_RANGE = "'range' covers at most 31 days, such as 7d";
    static final String NOT_A_RANGE = "'range' use a number and m, h or d, such as 15m, 1h or 7d";
    static final String OUT_OF_RANGE = "is out of range: use a time between 1970 and 2262";
    static final String NOT_A_TIME = "use ISO-8601 (2026-11-24T10:00:00Z) or epoch milliseconds";
    static final String WINDOW = "&service=cart&endpoint=GET%20%2Fitems";

    /** An API path and the other parameters it needs to get as far as its window. */
    record Api(String path, String rest) {}

    static final List<Api> WINDOWED = List.of(
            new Api("/api/v1/search", "&service=cart"),
            new Api("/api/v1/endpoints", ""),
            new Api("/api/v1/latency", WINDOW),
            new Api("/api/v1/latency/slow", WINDOW),
            new Api("/api/v1/cache", "&service=cart"),
            new Api("/api/v1/deploys", ""),
            new Api("/api/v1/compare", "&service=cart&before=1&after=2"));

    @Test
    void everyWindowedApiAnswersABadRangeOrTimeWith400() throws Exception {
        for (Api api : WINDOWED) {
            assertBad(api.path() + "?range=99999999999999d" + api.rest(), "range", OVERSIZED_RANGE);
            assertBad(api.path() + "?range=32d" + api.rest(), "range", OVERSIZED_RANGE);
            assertBad(api.path() + "?range=-1h" + api.rest(), "range", NOT_A_RANGE);
            assertBad(api.path() + "?range=soon" + api.rest(), "range", NOT_A_RANGE);
            for (String time : List.of("from", "to")) {
                String other = time.equals("from") ? "&to=2026-11-24T10:00:00Z" : "&from=2026-11-24T09:00:00Z";
                assertBad(
                        api.path() + "?" + time + "=9223372036854775807" + other + api.rest(),
                        time,
                        "'" + time + "' " + OUT_OF_RANGE);
                assertBad(
                        api.path() + "?" + time + "=99999999999999999999" + other + api.rest(),
                        time,
                        "'" + time + "' " + NOT_A_TIME);
                assertBad(api.path() + "?" + time + "=-5" + other + api.rest(), time, "'" + time + "' " + NOT_A_TIME);
                assertBad(
                        api.path() + "?" + time + "=yesterday" + other + api.rest(),
                        time,
                        "'" + time + "' " + NOT_A_TIME);
            }
        }
    }

    @Test
    void searchNumbersAreCheckedOneByOne() throws Exception {
        String search = "/api/v1/search?range=1h&";
        for (String value : List.of("99999999999", "-1", "teapot")) {
            assertBad(search + "limit=" + value, "limit", "'limit' must be a whole number from 1 to 500");
        }
        for (String value : List.of("99999999999", "-503", "5x")) {
            assertBad(
                    search + "httpStatus=" + value,
                    "httpStatus",
                    "'httpStatus' must be a whole number from 100 to 599");
        }
        for (String name : List.of("minMs", "maxMs")) {
            for (String value : List.of("1e999", "-1", "NaN", "fast")) {
                assertBad(search + name + "=" + value, name, "'" + name + "' must be a non-negative number");
            }
        }
        for (String value : List.of("1e999", "-1", "100", "NaN", "high")) {
            assertBad(
                    search + "abovePercentile=" + value,
                    "abovePercentile",
                    "'abovePercentile' must be between 0 and 100, such as 99");
        }
        // Base64 of "99999999999999999999:1:0123456789abcdef" and "-1:1:0123456789abcdef", then garbage.
        for (String value :
                List.of("OTk5OTk5OTk5OTk5OTk5OTk5OTk6MTowMTIzNDU2Nzg5YWJjZGVm", "LTE6MTowMTIzNDU2Nzg5YWJjZGVm", "x!")) {
            assertBad(search + "cursor=" + value, "cursor", "'cursor' not a cursor this search returned");
        }
    }

    @Test
    void theSlowRequestPercentileAndTheComparedWindowsAreChecked() throws Exception {
        for (String value : List.of("1e999", "-1", "NaN", "slow")) {
            assertBad(
                    "/api/v1/latency/slow?range=1h" + WINDOW + "&percentile=" + value,
                    "percentile",
                    "'percentile' must be between 0 and 100, such as 99");
        }
        String windows = "/api/v1/compare?service=cart&beforeFrom=2026-11-24T09:00:00Z&beforeTo=2026-11-24T10:00:00Z"
                + "&afterFrom=2026-11-24T10:00:00Z&afterTo=2026-11-24T11:00:00Z";
        for (String name : List.of("beforeFrom", "beforeTo", "afterFrom", "afterTo")) {
            String without = windows.replaceAll("&" + name + "=[^&]*", "");
            assertBad(without + "&" + name + "=9223372036854775807", name, "'" + name + "' " + OUT_OF_RANGE);
            assertBad(without + "&" + name + "=99999999999999999999", name, "'" + name + "' " + NOT_A_TIME);
            assertBad(without + "&" + name + "=-5", name, "'" + name + "' " + NOT_A_TIME);
        }
        String longBefore = windows.replace("beforeFrom=2026-11-24T09:00:00Z", "beforeFrom=2026-10-01T00:00:00Z");
        assertBad(longBefore, "beforeFrom", "'beforeFrom' to 'beforeTo' covers at most 31 days");
        String longAfter = windows.replace("afterTo=2026-11-24T11:00:00Z", "afterTo=2027-01-01T00:00:00Z");
        assertBad(longAfter, "afterFrom", "'afterFrom' to 'afterTo' covers at most 31 days");
        String epochAfter = windows.replace("afterFrom=2026-11-24T10:00:00Z", "afterFrom=0");
        assertBad(epochAfter, "afterFrom", "'afterFrom' to 'afterTo' covers at most 31 days");
        String reversed = windows.replace("beforeTo=2026-11-24T10:00:00Z", "beforeTo=2026-11-24T08:00:00Z");
        assertBad(reversed, "beforeFrom", "'beforeFrom' must be before 'beforeTo'");
    }

    @Test
    void aDeployBodyIsCheckedAndAnUnreadableOneAnswersTheSameShape() throws Exception {
        for (String at : List.of("\"9223372036854775807\"", "\"-5\"", "\"soon\"")) {
            HttpResponse<String> response =
                    post("{\"service\":\"cart\",\"version\":\"1.0\",\"at\":" + at + "}", "application/json");
            assertThat(response.statusCode()).as(at).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("parameter").asString())
                    .isEqualTo("at");
        }
        HttpResponse<String> unreadable = post("{\"service\":", "application/json");
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unreadable.body()).get("error").asString())
                .isEqualTo("the body is not JSON of the expected shape");

        HttpResponse<String> plain = post("service=cart", "text/plain");
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(plain.body()).get("error").asString()).contains("text/plain");
        HttpResponse<String> delete = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/search?range=1h"))
                        .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(delete.body()).get("error").asString())
                .as(delete.body())
                .contains("DELETE");
    }

    @Test
    void jaegerAnswersBadNumbersInItsOwnEnvelope() throws Exception {
        for (String query : List.of(
                "end=9223372036854775807",
                "start=99999999999999999999",
                "start=soon",
                "limit=99999999999",
                "minDuration=1e999s",
                "maxDuration=-1ms")) {
            HttpResponse<String> response = apiResponse("/api/traces?service=cart&" + query, BOOTSTRAP_KEY);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("errors").get(0).get("code").asInt()).as(query).isEqualTo(400);
            assertThat(body.has("error")).isFalse();
        }
    }

    @Test
    void pagesShowTheSameMessages() throws Exception {
        HttpClient admin = signIn("admin", ADMIN_PASSWORD);
        for (String page : List.of(
                "/?range=99999999999999d",
                "/search?range=99999999999999d",
                "/endpoints?range=99999999999999d" + WINDOW,
                "/deploys/compare?range=99999999999999d&service=cart")) {
            HttpResponse<String> response = admin.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + page))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.body())
                    .as(page)
                    .contains("<p class=\"error\">" + OVERSIZED_RANGE.replace("'", "&#39;") + "</p>");
        }
    }

    private void assertBad(String path, String parameter, String message) throws Exception {
        HttpResponse<String> response = apiResponse(path, BOOTSTRAP_KEY);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.propertyNames()).as(path).containsExactlyInAnyOrder("error", "parameter");
        assertThat(body.get("parameter").asString()).as(path).isEqualTo(parameter);
        assertThat(body.get("error").asString()).as(path).isEqualTo(message);
    }

    private HttpResponse<String> post(String body, String contentType) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/deploys"))
                        .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
