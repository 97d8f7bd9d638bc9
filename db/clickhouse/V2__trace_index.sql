-- Trace ID -> its project and time bounds, so a trace by ID reads one small time range of spans.
-- Several rows per trace may exist (one per insert block); readers take min/max.
CREATE TABLE IF NOT EXISTS ${database}.trace_index ${on_cluster}
(
    trace_id   String                 CODEC(ZSTD(1)),
    project_id UInt32,
    min_start  DateTime64(9, 'UTC')   CODEC(Delta(8), ZSTD(1)),
    max_end    DateTime64(9, 'UTC')   CODEC(Delta(8), ZSTD(1))
)
ENGINE = ${merge_tree}
PARTITION BY toDate(min_start)
ORDER BY (trace_id, project_id)
TTL toDateTime(max_end) + INTERVAL ${ttl_days} DAY
SETTINGS ttl_only_drop_parts = 1
