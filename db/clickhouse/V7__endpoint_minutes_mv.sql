-- The per-minute rollup's feed. The bucket columns b0 … b8 are a placeholder the migrator renders
-- from the bounds in span/Buckets (their only copy) when it applies this file.
CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.endpoint_minutes_mv ${on_cluster}
TO ${database}.endpoint_minutes
AS SELECT
    project_id, service, endpoint, service_version,
    toStartOfMinute(start_time) AS minute,
    count() AS requests,
    countIf(status_code = 'ERROR') AS errors,
    ${bucket_counts},
    sumMap(map(toUInt16(if(duration_ns < 1000, 0, floor(log(duration_ns / 1000) / log(1.01)) + 1)), toUInt64(1))) AS histogram
FROM ${database}.spans
WHERE is_entry
GROUP BY project_id, service, endpoint, service_version, minute
