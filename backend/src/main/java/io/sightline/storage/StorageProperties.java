package io.sightline.storage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** {@code sightline.storage.*}: which ClickHouse engine holds the spans, and how long. */
@Validated
@ConfigurationProperties("sightline.storage")
public record StorageProperties(
        @NotNull Mode mode,

        @NotBlank @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]*")
        String database,

        @Min(1) @Max(3650) int retentionDays,
        @NotNull DataSize minFreeDiskForInsert,
        @Valid @NotNull Embedded embedded,
        @Valid @NotNull Server server) {

    public enum Mode {
        EMBEDDED,
        SERVER,
        CLUSTER
    }

    /** chDB in this process. An empty {@code library} means the build's cache location. */
    public record Embedded(
            String library,
            @NotNull Path path,
            @Min(1) @Max(64) int connections) {

        public Path libraryPath(String chdbVersion) {
            if (library != null && !library.isBlank()) {
                return Path.of(library);
            }
            String cache = System.getenv("XDG_CACHE_HOME");
            Path base = cache == null || cache.isBlank()
                    ? Path.of(System.getProperty("user.home"), ".cache")
                    : Path.of(cache);
            return base.resolve("sightline")
                    .resolve("chdb")
                    .resolve(chdbVersion)
                    .resolve("libchdb.so");
        }
    }

    /** A ClickHouse server (or, in cluster mode, any node of {@code cluster}) over HTTP. */
    public record Server(@NotBlank String url, @NotBlank String username, String password, String cluster) {}
}
