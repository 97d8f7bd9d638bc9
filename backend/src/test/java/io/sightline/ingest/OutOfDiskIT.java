package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk fills up: the application's data directory is a 24 MB tmpfs, filled by exporters
 * until fewer than the reserved 8 MB are free. Ingest then answers 503 with {@code Retry-After} and a reason
 * that names the full disk (never 400 or 500, never a hang), and once the tmpfs grows it takes spans
 * again with every acknowledged span there. Needs {@code mount} (root, as here and in CI).
 */
class OutOfDiskIT {

    private static final int SPANS = 100;

    @TempDir
    Path directory;

    @Test
    void aFullDiskIsRefusedWithItsReasonAndEveryAcknowledgedSpanSurvivesUntilSpaceReturns() throws Exception {
        // The whole data directory, as deployed: the engine's parts and the H2 metadata file share the disk.
        Path data = Files.createDirectories(directory.resolve("data"));
        mountTmpfs(data, "size=24m");
        try (AppProcess app =
                AppProcess.start(data, data.resolve("clickhouse"), "sightline.storage.min-free-disk-for-insert=8MB")) {
            List<String> acknowledged = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            Exporter.Answer first = null;
            while (refused.isEmpty()) {
                assertThat(acknowledged).as("24 MB filled within 200 requests").hasSizeLessThan(200);
                String traceId = IngestIT.randomTraceId();
                Exporter.Answer answer = export(app, traceId);
                (answer.ok() ? acknowledged : refused).add(traceId);
                if (!answer.ok()) {
                    first = answer;
                    assertRefusedForAFullDisk(answer);
                }
            }
            for (int i = 0; i < 10; i++) {
                String traceId = IngestIT.randomTraceId();
                long start = System.nanoTime();
                assertRefusedForAFullDisk(export(app, traceId));
                assertThat((System.nanoTime() - start) / 1_000_000)
                        .as("refused at once, ms")
                        .isLessThan(5_000);
                refused.add(traceId);
            }

            run("mount", "-o", "remount,size=256m", data.toString());

            String afterwards = IngestIT.randomTraceId();
            assertThat(export(app, afterwards).status())
                    .as("ingest again once space returns")
                    .isEqualTo(200);
            acknowledged.add(afterwards);
            for (String traceId : acknowledged) {
                assertThat(app.storedSpans(traceId))
                        .as("acknowledged " + traceId)
                        .isEqualTo(SPANS);
            }
            for (String traceId : refused) {
                assertThat(app.storedSpans(traceId)).as("refused " + traceId).isZero();
            }
            System.out.printf(
                    "OutOfDiskIT: %d requests (%d spans) acknowledged before the disk filled, %d refused, all %d"
                            + " acknowledged present after remount; first refusal: %s%n",
                    acknowledged.size() - 1,
                    (acknowledged.size() - 1) * SPANS,
                    refused.size(),
                    acknowledged.size(),
                    first);
        } finally {
            run("umount", "-l", data.toString());
        }
    }

    private static void assertRefusedForAFullDisk(Exporter.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.retryAfter()).as(answer.toString()).isEqualTo("30");
        assertThat(answer.rpcCode()).as("google.rpc.Code UNAVAILABLE").isEqualTo(14);
        assertThat(answer.message())
                .startsWith("span storage is out of disk space, nothing of this request was stored; retry later: ")
                // Refused by the spans table's reserve before writing, not half way: a view refused
                // after the spans part was written can leave the refused spans stored.
                .contains("min_free_disk_bytes_to_perform_insert` = 8388608")
                .doesNotContain("while pushing to view");
    }

    /** A request of {@value SPANS} spans, each with 3 KB of incompressible attribute: the disk fills fast. */
    private static Exporter.Answer export(AppProcess app, String traceId) throws IOException {
        ExportTraceServiceRequest.Builder request = IngestIT.request(traceId, SPANS).toBuilder();
        for (Span.Builder span :
                request.getResourceSpansBuilder(0).getScopeSpansBuilder(0).getSpansBuilderList()) {
            byte[] noise = new byte[1536];
            ThreadLocalRandom.current().nextBytes(noise);
            span.addAttributes(
                    SpanNormaliserTest.string("payload", HexFormat.of().formatHex(noise)));
        }
        return Exporter.export(app.port(), AppProcess.API_KEY, request.build(), 30_000);
    }

    private static void mountTmpfs(Path directory, String options) throws Exception {
        String output;
        int status;
        try {
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", directory.toString())
                    .redirectErrorStream(true)
                    .start();
            output = new String(mount.getInputStream().readAllBytes());
            status = mount.waitFor();
        } catch (IOException noMount) {
            output = noMount.getMessage();
            status = -1;
        }
        if (status != 0) {
            System.err.println("OutOfDiskIT skipped: cannot mount a tmpfs here: " + output);
            Assumptions.abort("mounting a tmpfs needs root (or CAP_SYS_ADMIN); mount said: " + output);
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
    }
}
