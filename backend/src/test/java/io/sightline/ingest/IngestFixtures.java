package io.sightline.ingest;

import io.sightline.storage.ClickHouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Settings for tests without Spring, and stored spans read back for assertions. */
final class IngestFixtures {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IngestFixtures() {}

    /** The defaults of application.yml but for these, without limits per span or quotas. */
    static IngestProperties properties(
            int writers, Duration flushInterval, Duration commitTimeout, Duration inFlightTimeout) {
        return new IngestProperties(
                -1,
                -1,
                1 << 20,
                256,
                0,
                8,
                1000,
                flushInterval,
                writers,
                commitTimeout,
                inFlightTimeout,
                0,
                SpanLimits.NONE,
                List.of(),
                Duration.ofHours(1));
    }

    static List<Map<String, Object>> rows(ClickHouse clickHouse, String traceId) {
        try (InputStream result = clickHouse.query(
                "SELECT * FROM sightline.spans WHERE trace_id = {trace:String}",
                Map.of("trace", traceId),
                "JSONEachRow")) {
            return new String(result.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(line -> JSON.readValue(line, new TypeReference<Map<String, Object>>() {}))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
