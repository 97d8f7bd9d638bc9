package io.sightline.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A growable buffer of ClickHouse {@code RowBinary}: little-endian fixed-width numbers and
 * varint-prefixed strings, the encoding {@link ClickHouse#insert} takes. Callers write each row's
 * columns in the order of the insert's column list.
 */
public final class RowBinary {

    private byte[] bytes;
    private int size;
    // One per buffer, so writing a map allocates nothing; forEach is also faster than an iterator.
    private final BiConsumer<String, Object> entryWriter =
            (key, value) -> string(key).string(value.toString());

    public RowBinary(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    public RowBinary uint8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    public RowBinary bool(boolean value) {
        return uint8(value ? 1 : 0);
    }

    public RowBinary uint16(int value) {
        ensure(2);
        bytes[size++] = (byte) value;
        bytes[size++] = (byte) (value >>> 8);
        return this;
    }

    public RowBinary uint32(long value) {
        ensure(4);
        for (int shift = 0; shift < 32; shift += 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** Int64, UInt64 and DateTime64(9) (epoch nanoseconds) share this encoding. */
    public RowBinary int64(long value) {
        ensure(8);
        for (int shift = 0; shift < 64; shift += 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** A length prefix: the count of a Map or Array, or the byte length of a String. */
    public RowBinary varint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
        return this;
    }

    /** String and LowCardinality(String). */
    public RowBinary string(String value) {
        int length = value.length();
        // Room for the length prefix (at most 5 bytes for an int) and the text if it is ASCII: one
        // check, then plain stores into a local array.
        ensure(length + 5);
        byte[] out = bytes;
        int at = size;
        for (int rest = length; ; rest >>>= 7) {
            if (rest < 0x80) {
                out[at++] = (byte) rest;
                break;
            }
            out[at++] = (byte) ((rest & 0x7F) | 0x80);
        }
        // Optimistically ASCII, checked while copying: one pass for the common case.
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return utf8(value); // size is still where this string starts
            }
            out[at + i] = (byte) c;
        }
        size = at + length;
        return this;
    }

    private RowBinary utf8(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        varint(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
        return this;
    }

    /** A {@code Map(String, String)}: the values' {@code toString()} is the text stored (strings, enum names). */
    public RowBinary map(Map<String, ?> map) {
        varint(map.size());
        if (!map.isEmpty()) {
            map.forEach(entryWriter);
        }
        return this;
    }

    public RowBinary append(RowBinary other) {
        ensure(other.size);
        System.arraycopy(other.bytes, 0, bytes, size, other.size);
        size += other.size;
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** The encoded bytes are {@code array()[0 .. size())}; no copy, so do not keep it past the next write. */
    public byte[] array() {
        return bytes;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
