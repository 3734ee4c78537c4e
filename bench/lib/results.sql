-- The database bench_results: what bench/run.sh measured at every scale,
-- copied out of each scale's database before it is dropped, and read by
-- bench/lib/report.sql.

\set ON_ERROR_STOP on
CREATE SCHEMA results;
COMMENT ON SCHEMA results IS 'Measurements of one bench/run.sh run, every scale.';

CREATE TABLE results.scale (
    scale bigint PRIMARY KEY,
    generation_s double precision NOT NULL,
    database_bytes bigint NOT NULL,
    customers bigint NOT NULL,
    acquisitions bigint NOT NULL,
    redemptions bigint NOT NULL,
    point_events bigint NOT NULL,
    answers bigint NOT NULL
);
COMMENT ON TABLE results.scale IS 'One generated dataset: its size and how long demo/generate.sh took.';
COMMENT ON COLUMN results.scale.scale IS 'Customers requested from the generator.';
COMMENT ON COLUMN results.scale.generation_s IS 'Seconds demo/generate.sh took, VACUUM ANALYZE included.';
COMMENT ON COLUMN results.scale.database_bytes IS 'pg_database_size() after generation.';
COMMENT ON COLUMN results.scale.customers IS 'Rows of segments.customer.';
COMMENT ON COLUMN results.scale.acquisitions IS 'Rows of segments.acquisition.';
COMMENT ON COLUMN results.scale.redemptions IS 'Rows of segments.redemption.';
COMMENT ON COLUMN results.scale.point_events IS 'Rows of segments.point_event.';
COMMENT ON COLUMN results.scale.answers IS 'Rows of segments.custom_field_value.';

CREATE TABLE results.case (
    scale bigint NOT NULL,
    position integer NOT NULL,
    segment_name text NOT NULL,
    file text NOT NULL,
    member_count bigint,
    PRIMARY KEY (scale, position)
);
COMMENT ON TABLE results.case IS 'The cases at each scale, with the segment''s members at as_of.';
COMMENT ON COLUMN results.case.scale IS 'The dataset.';
COMMENT ON COLUMN results.case.position IS 'The case''s number.';
COMMENT ON COLUMN results.case.segment_name IS 'Name of the demo segment.';
COMMENT ON COLUMN results.case.file IS 'Its hand-written query in bench/handwritten/.';
COMMENT ON COLUMN results.case.member_count IS 'Members after the last recalculation at as_of.';

CREATE TABLE results.timing (
    scale bigint NOT NULL,
    measure text NOT NULL,
    position integer NOT NULL,
    method text NOT NULL,
    run integer NOT NULL,
    ms double precision NOT NULL,
    rows bigint,
    recorded_at timestamptz NOT NULL
);
COMMENT ON TABLE results.timing IS 'bench.timing of every scale (see its comments there).';
COMMENT ON COLUMN results.timing.scale IS 'The dataset.';
COMMENT ON COLUMN results.timing.measure IS 'query, unchanged, changed, recalculate_all or recalculate_all_segment.';
COMMENT ON COLUMN results.timing.position IS 'The case; 0 for steps over all segments.';
COMMENT ON COLUMN results.timing.method IS 'How the members were obtained, or which run of recalculate_all.';
COMMENT ON COLUMN results.timing.run IS 'Run number; run 0 warms the cache and is left out of the medians.';
COMMENT ON COLUMN results.timing.ms IS 'Wall-clock milliseconds, commit included.';
COMMENT ON COLUMN results.timing.rows IS 'Rows returned, or members after the run.';
COMMENT ON COLUMN results.timing.recorded_at IS 'When the step ended.';

CREATE TABLE results.check_result (
    scale bigint NOT NULL,
    position integer NOT NULL,
    evaluate_rows bigint NOT NULL,
    handwritten_rows bigint NOT NULL,
    compiled_rows bigint NOT NULL,
    evaluate_not_handwritten bigint NOT NULL,
    handwritten_not_evaluate bigint NOT NULL,
    PRIMARY KEY (scale, position)
);
COMMENT ON TABLE results.check_result IS 'bench.check_result of every scale it was taken at.';
COMMENT ON COLUMN results.check_result.scale IS 'The dataset.';
COMMENT ON COLUMN results.check_result.position IS 'The case.';
COMMENT ON COLUMN results.check_result.evaluate_rows IS 'Rows of segments.evaluate.';
COMMENT ON COLUMN results.check_result.handwritten_rows IS 'Rows of the hand-written query.';
COMMENT ON COLUMN results.check_result.compiled_rows IS 'Rows of the compiled query run as plain SQL.';
COMMENT ON COLUMN results.check_result.evaluate_not_handwritten IS 'evaluate EXCEPT hand-written: must be 0.';
COMMENT ON COLUMN results.check_result.handwritten_not_evaluate IS 'hand-written EXCEPT evaluate: must be 0.';

CREATE TABLE results.memory (
    scale bigint NOT NULL,
    operation text NOT NULL,
    segment_name text,
    rows bigint,
    ms double precision NOT NULL,
    peak_rss_anon_kb bigint NOT NULL,
    vm_hwm_kb bigint NOT NULL,
    temp_bytes bigint
);
COMMENT ON TABLE results.memory IS
    'Peak memory of one backend during one operation, polled from /proc by bench/lib/peak_memory.sh.';
COMMENT ON COLUMN results.memory.scale IS 'The dataset.';
COMMENT ON COLUMN results.memory.operation IS
    'recalculate_all (every run of it), first_recalculate (of the largest segment, every member joining) or export (of it); the last two also at a small work_mem, named in the operation.';
COMMENT ON COLUMN results.memory.segment_name IS 'The segment recalculated or exported; NULL for recalculate_all.';
COMMENT ON COLUMN results.memory.rows IS 'Members of that segment.';
COMMENT ON COLUMN results.memory.ms IS 'Wall-clock milliseconds as the client saw them.';
COMMENT ON COLUMN results.memory.peak_rss_anon_kb IS
    'Highest RssAnon seen polling every 50 ms: the backend''s private memory, without shared buffers.';
COMMENT ON COLUMN results.memory.vm_hwm_kb IS
    'VmHWM at the end: peak resident size, which also counts every shared buffer the backend touched.';
COMMENT ON COLUMN results.memory.temp_bytes IS
    'Bytes written to temporary files in the database meanwhile (pg_stat_database.temp_bytes).';
