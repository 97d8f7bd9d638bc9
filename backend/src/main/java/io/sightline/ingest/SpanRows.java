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
        RowBinary rows = buffer(protobufBytes);
        for (int i = 0; i < spans.size(); i++) {
            SpanColumn.writeRow(spans.get(i), rows);
        }
        return rows;
    }

    /** An empty buffer for the rows of the spans of a protobuf of {@code protobufBytes} bytes. */
    static RowBinary buffer(int protobufBytes) {
        // RowBinary is about twice the protobuf (IngestCost: 759 against 381 bytes a span of
        // IngestLoad's requests, IngestMemory: 2.01x for a 28,000-span body; the resource's
        // attributes are written on every span, IDs are hex): start above that, so the buffer does
        // not grow into a copy of twice its size (that copy was half of what encoding allocated).
        return new RowBinary((int) Math.min(Integer.MAX_VALUE - 16, protobufBytes * 9L / 4 + 1024));
    }
}
