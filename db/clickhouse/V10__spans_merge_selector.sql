-- Fewer merge passes over each span (issue 13). A part is merged once about ten parts of its size
-- wait (the default base is 5), so a span is rewritten about half as often on its way to a large
-- part: measured on IngestLoad's rows, 1.5 M spans in 32 k-span inserts, the rows merged fell from
-- 3.0 M to 1.7 M and the engine's CPU per span until merges settled by about a quarter
-- (docs/benchmarks.md). A partition holds more parts meanwhile, which reads barely notice.
ALTER TABLE ${database}.spans ${on_cluster}
    MODIFY SETTING merge_selector_base = 10
