-- trace_index is sorted by trace ID, so its times are in random order: Delta gains nothing there,
-- T64 trims their common high bits (1.78 -> 1.61 B per span of realistic traces, docs/benchmarks.md).
-- Existing parts keep their codec until a merge rewrites them.
ALTER TABLE ${database}.trace_index ${on_cluster}
    MODIFY COLUMN min_start CODEC(T64, ZSTD(1)),
    MODIFY COLUMN max_end CODEC(T64, ZSTD(1))
