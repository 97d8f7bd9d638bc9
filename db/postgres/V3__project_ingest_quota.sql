-- A project's own ingest quota in spans per second (0 = unlimited); NULL follows the instance
-- default, sightline.ingest.project-spans-per-second.
ALTER TABLE projects ADD COLUMN ingest_spans_per_second BIGINT;
