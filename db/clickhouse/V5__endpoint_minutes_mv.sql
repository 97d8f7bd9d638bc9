CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.endpoint_minutes_mv ${on_cluster}
TO ${database}.endpoint_minutes
AS SELECT
    project_id, service, endpoint, service_version,
    toStartOfMinute(start_time) AS minute,
    count() AS requests,
    countIf(status_code = 'ERROR') AS errors,
    countIf(duration_ns < 10000000) AS b0,
    countIf(duration_ns >= 10000000 AND duration_ns < 25000000) AS b1,
    countIf(duration_ns >= 25000000 AND duration_ns < 50000000) AS b2,
    countIf(duration_ns >= 50000000 AND duration_ns < 100000000) AS b3,
    countIf(duration_ns >= 100000000 AND duration_ns < 200000000) AS b4,
    countIf(duration_ns >= 200000000 AND duration_ns < 500000000) AS b5,
    countIf(duration_ns >= 500000000 AND duration_ns < 1000000000) AS b6,
    countIf(duration_ns >= 1000000000 AND duration_ns < 2000000000) AS b7,
    countIf(duration_ns >= 2000000000) AS b8,
    sumMap(map(toUInt16(if(duration_ns < 1000, 0, floor(log(duration_ns / 1000) / log(1.01)) + 1)), toUInt64(1))) AS histogram
FROM ${database}.spans
WHERE is_entry
GROUP BY project_id, service, endpoint, service_version, minute
