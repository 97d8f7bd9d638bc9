-- Smaller spans (issue 13: at most 40 bytes a realistic span, everything on disk). Measured on
-- IngestLoad's spans, merged (docs/benchmarks.md, 2026-11-30): the attribute map is the largest
-- column, 19.6 B/span under LZ4, 11.8 under ZSTD(3) and 8.6 under ZSTD(6), whose lazy matching
-- finds the long values repeated between spans (URLs, statements, user agents); the resource map
-- stays LZ4 (0.85 B/span, runs of identical maps; ZSTD(1) measured 5.9). Writing a part's
-- attributes costs ~1.2 µs/span more CPU under ZSTD(6) than under LZ4, paid again by each merge.
-- Existing parts keep their codec until a merge rewrites them; nothing is mutated.
ALTER TABLE ${database}.spans ${on_cluster}
    MODIFY COLUMN attributes CODEC(ZSTD(6)),
    MODIFY COLUMN events CODEC(ZSTD(3)),
    MODIFY COLUMN attribute_types CODEC(ZSTD(3)),
    MODIFY COLUMN span_id CODEC(ZSTD(3)),
    MODIFY COLUMN parent_span_id CODEC(ZSTD(3)),
    MODIFY COLUMN http_status CODEC(ZSTD(1))
