package io.sightline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a running instance's {@code GET /api/v1/storage}. */
final class StorageCount {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StorageCount() {}

    static JsonNode usage(HttpClient http, URI base, String key) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve("/api/v1/storage"))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "/api/v1/storage answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static long spans(HttpClient http, URI base, String key) throws Exception {
        return usage(http, base, key).get("spans").asLong();
    }
}
