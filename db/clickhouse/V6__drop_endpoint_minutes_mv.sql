-- endpoint_minutes_mv carried its own copy of the bucket bounds; V7 re-creates it from the one in
-- span/Buckets. The view writes TO endpoint_minutes, so dropping it loses no stored minute.
DROP VIEW IF EXISTS ${database}.endpoint_minutes_mv ${on_cluster}
