-- One row per span. Typed columns for what pages filter and group by; the rest in maps.
-- A request is an entry span (is_entry): SERVER or CONSUMER whose parent is absent or in another
-- service; its endpoint is "<method> <http.route>", else the span name.
-- The hour leads the sort key so any time-bounded read (a trace by ID, a search window) prunes
-- by primary key first; within the hour, service and endpoint keep an endpoint's requests together.
CREATE TABLE IF NOT EXISTS ${database}.spans ${on_cluster}
(
    project_id      UInt32,
    start_time      DateTime64(9, 'UTC')           CODEC(Delta(8), ZSTD(1)),
    trace_id        String                         CODEC(ZSTD(1)),
    span_id         String                         CODEC(ZSTD(1)),
    parent_span_id  String                         CODEC(ZSTD(1)),
    trace_state     String                         CODEC(ZSTD(1)),
    service         LowCardinality(String),
    name            LowCardinality(String),
    endpoint        LowCardinality(String),
    kind            Enum8('UNSPECIFIED' = 0, 'INTERNAL' = 1, 'SERVER' = 2, 'CLIENT' = 3, 'PRODUCER' = 4, 'CONSUMER' = 5),
    is_entry        Bool,
    duration_ns     UInt64                         CODEC(T64, ZSTD(1)),
    status_code     Enum8('UNSET' = 0, 'OK' = 1, 'ERROR' = 2),
    status_message  String                         CODEC(ZSTD(1)),
    http_method     LowCardinality(String),
    http_status     UInt16,
    user_id         String                         CODEC(ZSTD(1)),
    service_version LowCardinality(String),
    environment     LowCardinality(String),
    scope_name      LowCardinality(String),
    scope_version   LowCardinality(String),
    -- LZ4 for the two big maps: measured the same bytes per span after merges as ZSTD(1) but ~15 %
    -- more ingest throughput, since every merge re-compresses them (docs/benchmarks.md).
    attributes      Map(LowCardinality(String), String) CODEC(LZ4),
    -- Only the attributes whose OTLP value was not a string: key -> BOOL, INT, DOUBLE, ARRAY, MAP, BYTES.
    attribute_types Map(LowCardinality(String), LowCardinality(String)) CODEC(ZSTD(1)),
    resource        Map(LowCardinality(String), String) CODEC(LZ4),
    resource_types  Map(LowCardinality(String), LowCardinality(String)) CODEC(ZSTD(1)),
    events          Array(Tuple(time DateTime64(9, 'UTC'), name String, attributes Map(LowCardinality(String), String))) CODEC(ZSTD(1)),
    links           Array(Tuple(trace_id String, span_id String, trace_state String, attributes Map(LowCardinality(String), String))) CODEC(ZSTD(1)),

    -- Checked first: a trace's time bounds (from trace_index) rule out most granules cheaply,
    -- so the trace-ID bloom filter is read only for the few left.
    INDEX idx_start_time start_time TYPE minmax GRANULARITY 1,
    INDEX idx_trace_id trace_id TYPE bloom_filter(0.001) GRANULARITY 1,
    INDEX idx_user_id user_id TYPE bloom_filter(0.01) GRANULARITY 1,
    -- No bloom filters over attribute keys or values: every read is bounded in time, so an
    -- attribute condition scans a few granules of one map column, while those filters cost every
    -- insert and every merge a hash of each value (measured: docs/benchmarks.md).
    INDEX idx_duration duration_ns TYPE minmax GRANULARITY 1
)
ENGINE = ${merge_tree}
PARTITION BY toDate(start_time)
ORDER BY (project_id, toStartOfHour(start_time), service, is_entry, endpoint, start_time)
TTL toDateTime(start_time) + INTERVAL ${ttl_days} DAY
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1
