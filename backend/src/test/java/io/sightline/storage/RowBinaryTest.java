package io.sightline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RowBinaryTest {

    @Test
    void stringsAreTheirUtf8BytesAfterAVarintLength() {
        for (String text : new String[] {
            "", "GET", "x".repeat(127), "y".repeat(128), "z".repeat(20_000), "héllo", "ascii then ✓", "日本語".repeat(50)
        }) {
            RowBinary rows = new RowBinary(16).uint8(7).string(text).uint8(9);

            assertThat(rows.toByteArray()).as(text).isEqualTo(expected(text));
        }
    }

    @Test
    void aNonAsciiStringAfterAsciiOnesOverwritesNothingBeforeIt() {
        RowBinary rows = new RowBinary(16).string("a".repeat(200)).string("b".repeat(150) + "é");

        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(withLength("a".repeat(200)));
        both.writeBytes(withLength("b".repeat(150) + "é"));
        assertThat(rows.toByteArray()).isEqualTo(both.toByteArray());
    }

    private static byte[] expected(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(7);
        out.writeBytes(withLength(text));
        out.write(9);
        return out.toByteArray();
    }

    private static byte[] withLength(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long length = utf8.length;
        while (length >= 0x80) {
            out.write((int) (length & 0x7F) | 0x80);
            length >>>= 7;
        }
        out.write((int) length);
        out.writeBytes(utf8);
        return out.toByteArray();
    }
}
