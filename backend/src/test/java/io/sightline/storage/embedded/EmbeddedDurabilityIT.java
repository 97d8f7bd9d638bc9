package io.sightline.storage.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost: rows whose insert returned survive a SIGKILL of the process right
 * after, and a restart of the engine. Runs the engine in child JVMs, since chDB keeps one data
 * directory per process.
 */
class EmbeddedDurabilityIT {

    @TempDir
    Path directory;

    @Test
    void insertedRowsSurviveKillDashNineAndRestart() throws Exception {
        Process writer = probe("insert");
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("inserted")) {
                // engine start-up output
            }
            assertThat(line).as("the child acknowledged its insert").isEqualTo("inserted");
        }
        writer.destroyForcibly(); // SIGKILL: no shutdown hook, no engine close
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(countAfterRestart()).isEqualTo("count=10000");
        assertThat(countAfterRestart()).as("and again after a clean close").isEqualTo("count=10000");
    }

    private String countAfterRestart() throws Exception {
        Process reader = probe("count");
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8))) {
            out.lines().forEach(lines::add);
        }
        assertThat(reader.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return lines.stream()
                .filter(line -> line.startsWith("count="))
                .findFirst()
                .orElse(String.join("\n", lines));
    }

    private Process probe(String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        DurabilityProbe.class.getName(),
                        library().toString(),
                        directory.resolve("clickhouse").toString(),
                        mode)
                .redirectErrorStream(true)
                .start();
    }

    static Path library() throws IOException {
        String configured = System.getenv("SIGHTLINE_CHDB_LIBRARY");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try (var versions = Files.list(Path.of(System.getProperty("user.home"), ".cache", "sightline", "chdb"))) {
            return versions.map(version -> version.resolve("libchdb.so"))
                    .filter(Files::isRegularFile)
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("no libchdb.so in the build's cache"));
        }
    }
}
