-- The per-minute rollup's feed. ${bucket_counts} is b0 … b8, rendered from the bounds in
-- span/Buckets (their only copy) when the migration is applied.
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
