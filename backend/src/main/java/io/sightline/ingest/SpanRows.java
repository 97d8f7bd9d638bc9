package io.sightline.ingest;

import io.sightline.span.Span;
import io.sightline.span.SpanColumn;
import io.sightline.storage.RowBinary;
import java.util.List;

/** One request's spans as RowBinary rows of the {@code spans} table, columns as {@link SpanColumn} lists them. */
final class SpanRows {

    static final List<String> COLUMNS = SpanColumn.NAMES;

    private SpanRows() {}

    /** Encodes {@code spans}, which came from a protobuf of {@code protobufBytes} bytes. */
    static RowBinary encode(List<Span> spans, int protobufBytes) {
        // RowBinary is about the protobuf's size (hex IDs are longer, field tags are gone): start
        // there so the buffer rarely grows into a large (humongous) copy.
        RowBinary rows = new RowBinary(protobufBytes + protobufBytes / 2);
        for (int i = 0; i < spans.size(); i++) {
            SpanColumn.writeRow(spans.get(i), rows);
        }
        return rows;
    }
}
