CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.trace_index_mv ${on_cluster}
TO ${database}.trace_index
AS SELECT
    trace_id,
    project_id,
    min(start_time) AS min_start,
    max(start_time + toIntervalNanosecond(duration_ns)) AS max_end
FROM ${database}.spans
GROUP BY trace_id, project_id
