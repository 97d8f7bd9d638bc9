package io.sightline.storage;

import io.sightline.security.ProjectAccess;
import io.sightline.web.ReadsSpanStorage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/storage}: what the stored spans cost. An admin sees the instance: rows and
 * bytes on disk per table (the active parts in {@code system.parts}), the bytes a stored span
 * costs, everything included, and the spans of every project. Anyone else sees only the projects
 * they can read: each one's spans and its estimated bytes on disk (its spans at the instance's
 * bytes per span, since parts are shared by projects), never another project's numbers.
 */
@RestController
@Tag(name = "Storage")
@ReadsSpanStorage
class StorageApi {

    private final ClickHouse clickHouse;
    private final StorageProperties properties;
    private final SpanTables tables;
    private final ProjectAccess projectAccess;

    StorageApi(ClickHouse clickHouse, StorageProperties properties, SpanTables tables, ProjectAccess projectAccess) {
        this.clickHouse = clickHouse;
        this.properties = properties;
        this.tables = tables;
        this.projectAccess = projectAccess;
    }

    /** One ClickHouse table: its active parts. */
    record TableUsage(
            String table, long rows, long bytesOnDisk, long compressedBytes, long uncompressedBytes, long parts) {}

    record ProjectUsage(
            long projectId,
            long spans,

            @Schema(description = "spans × the instance's bytesPerSpan: parts are shared by projects")
            long estimatedBytesOnDisk) {}

    /** An admin's answer: the whole instance. */
    record InstanceUsage(
            String engine,
            @Schema(allowableValues = "instance") String scope,
            List<TableUsage> tables,
            long spans,
            long totalBytesOnDisk,

            @Schema(description = "totalBytesOnDisk / spans: a stored span's cost, indexes and rollups included")
            double bytesPerSpan,

            List<ProjectUsage> projects) {}

    /** A member's or an API key's answer: their projects only. */
    record ProjectsUsage(
            String engine,
            @Schema(allowableValues = "projects") String scope,
            List<ProjectUsage> projects,
            long spans,
            long estimatedBytesOnDisk,
            double bytesPerSpan) {}

    @Operation(
            operationId = "getStorageUsage",
            summary = "What the stored spans cost",
            description = "For an admin (scope instance): rows and bytes on disk per table, the bytes a stored span"
                    + " costs with everything included, and the spans of every project. For anyone else, and for"
                    + " API keys (scope projects): only the projects they can read, each with its spans and"
                    + " estimated bytes on disk.")
    @ApiResponse(
            responseCode = "200",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            oneOf = {InstanceUsage.class, ProjectsUsage.class},
                                            discriminatorProperty = "scope")))
    @GetMapping("/api/v1/storage")
    Object usage() {
        List<TableUsage> tableUsage = tables();
        long spans = tableUsage.stream()
                .filter(t -> t.table().equals("spans"))
                .mapToLong(TableUsage::rows)
                .sum();
        long total = tableUsage.stream().mapToLong(TableUsage::bytesOnDisk).sum();
        double bytesPerSpan = spans == 0 ? 0 : (double) total / spans;
        if (projectAccess.readsInstance()) {
            return new InstanceUsage(
                    clickHouse.engineName(),
                    "instance",
                    tableUsage,
                    spans,
                    total,
                    bytesPerSpan,
                    projects(null, bytesPerSpan));
        }
        List<ProjectUsage> projects = projects(projectAccess.readableProjects(), bytesPerSpan);
        return new ProjectsUsage(
                clickHouse.engineName(),
                "projects",
                projects,
                projects.stream().mapToLong(ProjectUsage::spans).sum(),
                projects.stream().mapToLong(ProjectUsage::estimatedBytesOnDisk).sum(),
                bytesPerSpan);
    }

    private List<TableUsage> tables() {
        List<TableUsage> usage = new ArrayList<>();
        for (JsonNode row : JsonRows.read(clickHouse, """
                SELECT table, sum(rows) AS rows, sum(bytes_on_disk) AS bytes_on_disk,
                       sum(data_compressed_bytes) AS compressed, sum(data_uncompressed_bytes) AS uncompressed, count() AS parts
                FROM system.parts
                WHERE database = {database:String} AND active
                GROUP BY table ORDER BY table""", Map.of("database", properties.database()))) {
            usage.add(new TableUsage(
                    row.get("table").asString(),
                    row.get("rows").asLong(),
                    row.get("bytes_on_disk").asLong(),
                    row.get("compressed").asLong(),
                    row.get("uncompressed").asLong(),
                    row.get("parts").asLong()));
        }
        return usage;
    }

    /** Spans per project: of {@code readable}, or of every project when it is null. */
    private List<ProjectUsage> projects(Set<Long> readable, double bytesPerSpan) {
        if (readable != null && readable.isEmpty()) {
            return List.of();
        }
        Map<String, Object> parameters = new HashMap<>();
        String where = "";
        if (readable != null) {
            where = " WHERE project_id IN {projects:Array(UInt32)}";
            parameters.put("projects", List.copyOf(readable));
        }
        List<ProjectUsage> projects = new ArrayList<>();
        for (JsonNode row : JsonRows.read(
                clickHouse,
                "SELECT project_id, count() AS spans FROM " + tables.spans() + where
                        + " GROUP BY project_id ORDER BY project_id",
                parameters)) {
            long spans = row.get("spans").asLong();
            projects.add(new ProjectUsage(row.get("project_id").asLong(), spans, Math.round(spans * bytesPerSpan)));
        }
        return projects;
    }
}
