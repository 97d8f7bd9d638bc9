package io.sightline.ingest;

import io.sightline.storage.ClickHouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads stored spans back for assertions. */
final class IngestFixtures {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IngestFixtures() {}

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
