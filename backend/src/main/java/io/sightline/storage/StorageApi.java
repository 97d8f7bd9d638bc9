package io.sightline.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/storage}: rows and bytes on disk per table, from the active parts in
 * {@code system.parts}, and the bytes a stored span costs, everything included.
 */
@RestController
class StorageApi {

    private final ClickHouse clickHouse;
    private final StorageProperties properties;

    StorageApi(ClickHouse clickHouse, StorageProperties properties) {
        this.clickHouse = clickHouse;
        this.properties = properties;
    }

    record TableUsage(
            String table, long rows, long bytesOnDisk, long compressedBytes, long uncompressedBytes, long parts) {}

    record Usage(String engine, List<TableUsage> tables, long spans, long totalBytesOnDisk, double bytesPerSpan) {}

    @GetMapping("/api/v1/storage")
    Usage usage() {
        List<TableUsage> tables = new ArrayList<>();
        for (JsonNode row : JsonRows.read(clickHouse, """
                SELECT table, sum(rows) AS rows, sum(bytes_on_disk) AS bytes_on_disk,
                       sum(data_compressed_bytes) AS compressed, sum(data_uncompressed_bytes) AS uncompressed, count() AS parts
                FROM system.parts
                WHERE database = {database:String} AND active
                GROUP BY table ORDER BY table""", Map.of("database", properties.database()))) {
            tables.add(new TableUsage(
                    row.get("table").asString(),
                    row.get("rows").asLong(),
                    row.get("bytes_on_disk").asLong(),
                    row.get("compressed").asLong(),
                    row.get("uncompressed").asLong(),
                    row.get("parts").asLong()));
        }
        long spans = tables.stream()
                .filter(t -> t.table().equals("spans"))
                .mapToLong(TableUsage::rows)
                .sum();
        long total = tables.stream().mapToLong(TableUsage::bytesOnDisk).sum();
        return new Usage(clickHouse.engineName(), tables, spans, total, spans == 0 ? 0 : (double) total / spans);
    }
}
