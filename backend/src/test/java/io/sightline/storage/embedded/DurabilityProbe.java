package io.sightline.storage.embedded;

import io.sightline.storage.RowBinary;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A child process for {@link EmbeddedDurabilityIT}: {@code insert} opens the engine on a directory,
 * inserts 10,000 rows, prints {@code inserted} and waits to be killed; {@code count} prints how many
 * rows survived and closes the engine properly.
 */
public final class DurabilityProbe {

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args[0]);
        Path directory = Path.of(args[1]);
        EmbeddedClickHouse clickHouse = new EmbeddedClickHouse(library, directory, 1, 1, Map.of(), 10_000);
        clickHouse.command(
                "CREATE TABLE IF NOT EXISTS default.durable (id UInt32, note String) ENGINE = MergeTree ORDER BY id");
        if (args[2].equals("insert")) {
            RowBinary rows = new RowBinary(1 << 16);
            for (int i = 0; i < 10_000; i++) {
                rows.uint32(i).string("acknowledged " + i);
            }
            clickHouse.insert("default.durable", List.of("id", "note"), rows.toByteArray());
            System.out.println("inserted");
            System.out.flush();
            Thread.sleep(60_000);
        } else {
            try (InputStream count = clickHouse.query("SELECT count() FROM default.durable", Map.of(), "TSVRaw")) {
                System.out.println("count=" + new String(count.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
            clickHouse.close();
        }
    }
}
