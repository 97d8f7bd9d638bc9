package io.sightline.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any protobuf body holds the {@link IngestInvariants}. Seeds: the JSON fuzz test's seeds as
 * protobuf, plus any regression inputs under {@code OtlpProtobufFuzzTestInputs/protobuf}.
 */
class OtlpProtobufFuzzTest {

    @MethodSource("jsonSeedsAsProtobuf") // before @FuzzTest, as Jazzer requires
    @FuzzTest
    void protobuf(byte[] body) {
        IngestInvariants.refusedOrStoredOrRejected(body, OtlpDecoder::protobuf);
    }

    static Stream<byte[]> jsonSeedsAsProtobuf() throws IOException, URISyntaxException {
        Path seeds = Path.of(OtlpJsonFuzzTest.class
                .getResource("OtlpJsonFuzzTestInputs/json")
                .toURI());
        try (Stream<Path> files = Files.list(seeds)) {
            return files.sorted().map(OtlpProtobufFuzzTest::asProtobuf).toList().stream();
        }
    }

    private static byte[] asProtobuf(Path jsonSeed) {
        try {
            return OtlpDecoder.json(Files.readAllBytes(jsonSeed)).toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OtlpDecoder.MalformedBodyException e) {
            throw new IllegalStateException(jsonSeed + " is not a valid seed", e);
        }
    }
}
