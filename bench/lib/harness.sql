-- The benchmark's schema bench: the cases (one per demo segment, with its
-- hand-written query), every timing, and the procedures that take them.
-- bench/run.sh loads it into each benchmark database after the data and the
-- segments. Needs the psql variables as_of and scale.
--
-- Every time is wall-clock milliseconds between clock_timestamp() readings in
-- the server, around one statement: the client, the network and psql's
-- printing are not in it. Procedures COMMIT after every step, so a
-- recalculation or refresh is timed with its commit and no step waits on a
-- long transaction of the benchmark itself.

\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench CASCADE;
RESET client_min_messages;
CREATE SCHEMA bench;
COMMENT ON SCHEMA bench IS 'Benchmark of segments against hand-written SQL (bench/run.sh).';

CREATE TABLE bench.setting (
    scale bigint NOT NULL,
    as_of timestamptz NOT NULL
);
COMMENT ON TABLE bench.setting IS 'The scale and the as_of instant of this benchmark database (one row).';
COMMENT ON COLUMN bench.setting.scale IS 'Number of customers generated.';
COMMENT ON COLUMN bench.setting.as_of IS 'The instant every segment is evaluated at: the generator''s reference.';
INSERT INTO bench.setting VALUES (:scale, :'as_of');

CREATE TABLE bench.case (
    position integer PRIMARY KEY,
    segment_id bigint NOT NULL UNIQUE,
    file text NOT NULL,
    handwritten text NOT NULL,
    materialized text NOT NULL,
    compiled text
);
COMMENT ON TABLE bench.case IS 'One demo segment and the hand-written query for the same question.';
COMMENT ON COLUMN bench.case.position IS 'Order of the cases: the number the hand-written file starts with.';
COMMENT ON COLUMN bench.case.segment_id IS 'The segment in segments.segment.';
COMMENT ON COLUMN bench.case.file IS 'The hand-written query''s file in bench/handwritten/.';
COMMENT ON COLUMN bench.case.handwritten IS 'The hand-written query with as_of, timezone and segment ids filled in.';
COMMENT ON COLUMN bench.case.materialized IS
    'The query of the case''s materialized view: the hand-written one, or its .mv.sql variant that reads other views.';
COMMENT ON COLUMN bench.case.compiled IS
    'segments.compile() of the segment with every parameter replaced by its literal, as the server plans it.';

CREATE TABLE bench.timing (
    measure text NOT NULL,
    position integer NOT NULL,
    method text NOT NULL,
    run integer NOT NULL,
    ms double precision NOT NULL,
    rows bigint,
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
COMMENT ON TABLE bench.timing IS 'One timed step: which measurement, which case, which method, which run.';
COMMENT ON COLUMN bench.timing.measure IS
    'query (the three ways of getting the members), unchanged or changed (recalculate against refresh), recalculate_all, or recalculate_all_segment (one segment''s share of it, from the run log).';
COMMENT ON COLUMN bench.timing.position IS 'The case; 0 for steps over all segments.';
COMMENT ON COLUMN bench.timing.method IS
    'handwritten, compiled, evaluate, recalculate, refresh, changes (applying a round of changes), or for recalculate_all previous_day, next_day or unchanged.';
COMMENT ON COLUMN bench.timing.run IS 'Run number; run 0 only warms the cache and is left out of the medians.';
COMMENT ON COLUMN bench.timing.ms IS 'Wall-clock time of the step in milliseconds, its commit included.';
COMMENT ON COLUMN bench.timing.rows IS
    'Rows the query returned, where it returns rows; for recalculate against refresh, the members who joined or left.';

CREATE TABLE bench.check_result (
    position integer PRIMARY KEY,
    evaluate_rows bigint NOT NULL,
    handwritten_rows bigint NOT NULL,
    compiled_rows bigint NOT NULL,
    evaluate_not_handwritten bigint NOT NULL,
    handwritten_not_evaluate bigint NOT NULL
);
COMMENT ON TABLE bench.check_result IS 'Whether the hand-written query returns exactly the customers segments.evaluate returns.';
COMMENT ON COLUMN bench.check_result.evaluate_rows IS 'Rows of segments.evaluate.';
COMMENT ON COLUMN bench.check_result.handwritten_rows IS 'Rows of the hand-written query (a duplicate would count twice).';
COMMENT ON COLUMN bench.check_result.compiled_rows IS 'Rows of the compiled query run as plain SQL.';
COMMENT ON COLUMN bench.check_result.evaluate_not_handwritten IS 'Rows of evaluate EXCEPT the hand-written query: must be 0.';
COMMENT ON COLUMN bench.check_result.handwritten_not_evaluate IS 'Rows of the hand-written query EXCEPT evaluate: must be 0.';

-- The hand-written files use psql variables, so that they run as they are with
-- psql -v. Here they are filled in: :'as_of' with the benchmark's as_of,
-- :'timezone' with the segment's time zone, :super_users with the segment_id
-- of Super users.
CREATE FUNCTION bench.fill_placeholders(query text, timezone text)
RETURNS text
LANGUAGE sql STABLE STRICT
AS $$
    SELECT replace(replace(replace(query, ':''as_of''', quote_literal(b.as_of::text)),
                           ':''timezone''', quote_literal(timezone)),
                   ':super_users',
                   coalesce((SELECT s.segment_id::text FROM segments.segment AS s WHERE s.name = 'Super users'),
                            'NULL'))
    FROM bench.setting AS b;
$$;
COMMENT ON FUNCTION bench.fill_placeholders(text, text) IS
    'Returns a hand-written query with its psql variables as_of, timezone and super_users replaced by literals.';

-- The compile() text with its parameters replaced by their literals. compile()
-- prints the SQL, then one line "-- $N = literal" per parameter from $3 on; $1
-- is as_of and $2 the time zone. Replacing from the highest number down keeps
-- "$1" from matching the start of "$10".
CREATE FUNCTION bench.literal_query(compiled text, as_of timestamptz)
RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE
    sql text;
    param record;
BEGIN
    sql := regexp_replace(compiled, '^-- \$[0-9]+ = [^\n]*\n?', '', 'gn');
    FOR param IN
        SELECT m[1]::integer AS number, m[2] AS literal
        FROM regexp_matches(compiled, '^-- \$([0-9]+) = ([^\n]*)$', 'gn') AS m
        WHERE m[1]::integer >= 2
        UNION ALL
        SELECT 1, quote_literal(as_of::text) || '::timestamptz'
        ORDER BY number DESC
    LOOP
        sql := replace(sql, '$' || param.number, param.literal);
    END LOOP;
    RETURN sql;
END
$$;
COMMENT ON FUNCTION bench.literal_query(text, timestamptz) IS
    'Returns the SQL of a segments.compile() text with $1 set to as_of and every other parameter to its literal.';

-- The statement one method runs for a case; each returns the member ids.
CREATE FUNCTION bench.method_query(case_position integer, method text)
RETURNS text
LANGUAGE sql STABLE STRICT
AS $$
    SELECT CASE method
               WHEN 'handwritten' THEN c.handwritten
               WHEN 'compiled' THEN c.compiled
               WHEN 'evaluate' THEN format('SELECT * FROM segments.evaluate(%L::jsonb, %L, %L::timestamptz)',
                                           s.definition, s.timezone, b.as_of)
           END
    FROM bench.case AS c
    JOIN segments.segment AS s ON s.segment_id = c.segment_id
    CROSS JOIN bench.setting AS b
    WHERE c.position = case_position;
$$;
COMMENT ON FUNCTION bench.method_query(integer, text) IS
    'Returns the query that method (handwritten, compiled or evaluate) runs for a case.';

-- Runs a query to the end, counting its rows, and times it.
CREATE FUNCTION bench.time_count(query text, OUT ms double precision, OUT rows bigint)
LANGUAGE plpgsql VOLATILE STRICT
AS $$
DECLARE
    started timestamptz := clock_timestamp();
BEGIN
    EXECUTE 'SELECT count(*) FROM (' || query || ') AS q' INTO rows;
    ms := 1000 * extract(epoch FROM clock_timestamp() - started);
END
$$;
COMMENT ON FUNCTION bench.time_count(text) IS 'Returns the time in milliseconds a query takes to return all its rows, and their number.';

-- Checks every case: the hand-written query and the compiled one return
-- exactly the customers segments.evaluate returns. Each query runs once into
-- a temporary table, and the tables are compared.
CREATE PROCEDURE bench.check_cases()
LANGUAGE plpgsql
AS $$
DECLARE
    c record;
BEGIN
    DELETE FROM bench.check_result;
    FOR c IN SELECT position FROM bench.case ORDER BY position LOOP
        EXECUTE 'CREATE TEMPORARY TABLE evaluated ON COMMIT DROP AS '
                || bench.method_query(c.position, 'evaluate');
        EXECUTE 'CREATE TEMPORARY TABLE handwritten ON COMMIT DROP AS '
                || bench.method_query(c.position, 'handwritten');
        EXECUTE 'CREATE TEMPORARY TABLE compiled ON COMMIT DROP AS '
                || bench.method_query(c.position, 'compiled');
        INSERT INTO bench.check_result
        SELECT c.position,
               (SELECT count(*) FROM evaluated),
               (SELECT count(*) FROM handwritten),
               (SELECT count(*) FROM compiled),
               (SELECT count(*) FROM (SELECT * FROM evaluated EXCEPT SELECT * FROM handwritten) AS d),
               (SELECT count(*) FROM (SELECT * FROM handwritten EXCEPT SELECT * FROM evaluated) AS d);
        COMMIT;
    END LOOP;
END
$$;
COMMENT ON PROCEDURE bench.check_cases() IS
    'Fills bench.check_result: row counts and the EXCEPT of evaluate and the hand-written query both ways.';

-- Times the three ways of getting each case's members: the hand-written query,
-- the compiled query run as plain SQL, and segments.evaluate. Run 0 warms the
-- cache. Within a run the cases take turns and the order of the three methods
-- rotates from case to case and run to run, so a burst of load on the machine
-- hits every method alike.
CREATE PROCEDURE bench.measure_queries(runs integer)
LANGUAGE plpgsql
AS $$
DECLARE
    methods text[] := ARRAY['handwritten', 'compiled', 'evaluate'];
    run integer;
    c record;
    turn integer;
    method text;
    result record;
BEGIN
    FOR run IN 0..runs LOOP
        FOR c IN SELECT position FROM bench.case ORDER BY position LOOP
            FOR turn IN 0..2 LOOP
                method := methods[1 + (turn + run + c.position) % 3];
                result := bench.time_count(bench.method_query(c.position, method));
                INSERT INTO bench.timing (measure, position, method, run, ms, rows)
                VALUES ('query', c.position, method, run, result.ms, result.rows);
                COMMIT;
            END LOOP;
        END LOOP;
    END LOOP;
END
$$;
COMMENT ON PROCEDURE bench.measure_queries(integer) IS
    'Times the hand-written, compiled and evaluate queries of every case, runs times after one warm-up run.';

-- The materialized view a team would deploy instead of a segment: the
-- hand-written query, with the unique index REFRESH ... CONCURRENTLY needs.
CREATE FUNCTION bench.view_name(case_position integer)
RETURNS text
LANGUAGE sql STABLE STRICT
AS $$
    SELECT 'bench.' || quote_ident('mv_' || regexp_replace(c.file, '^[0-9]+_|\.sql$', '', 'g'))
    FROM bench.case AS c
    WHERE c.position = case_position;
$$;
COMMENT ON FUNCTION bench.view_name(integer) IS 'Returns the qualified name of a case''s materialized view.';

CREATE PROCEDURE bench.create_views()
LANGUAGE plpgsql
AS $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT position, materialized FROM bench.case ORDER BY position LOOP
        EXECUTE format('CREATE MATERIALIZED VIEW %s AS %s', bench.view_name(c.position), c.materialized);
        EXECUTE format('CREATE UNIQUE INDEX ON %s (customer_id)', bench.view_name(c.position));
        EXECUTE format('ANALYZE %s', bench.view_name(c.position));
        COMMIT;
    END LOOP;
END
$$;
COMMENT ON PROCEDURE bench.create_views() IS
    'Creates each case''s materialized view from its hand-written query, with a unique index on customer_id.';

-- Times CALL segments.recalculate, REFRESH MATERIALIZED VIEW CONCURRENTLY and
-- the hand-written query alone for one case, each with its commit, in an
-- order that rotates with the run. The query is timed here as well as in
-- measure_queries, so that recalculate / hand-written compares two timings
-- on the same data, after the same round of changes. The recalculate row
-- records how many members joined or left.
CREATE PROCEDURE bench.time_recalculate_and_refresh(measure text, case_position integer, run integer)
LANGUAGE plpgsql
AS $$
DECLARE
    steps text[] := ARRAY['recalculate', 'refresh', 'handwritten'];
    step text;
    turn integer;
    started timestamptz;
    elapsed double precision;
    changed_members bigint;
    segment bigint := (SELECT c.segment_id FROM bench.case AS c WHERE c.position = case_position);
    as_of timestamptz := (SELECT b.as_of FROM bench.setting AS b);
BEGIN
    FOR turn IN 0..2 LOOP
        step := steps[1 + (turn + run + case_position) % 3];
        changed_members := NULL;
        started := clock_timestamp();
        IF step = 'recalculate' THEN
            CALL segments.recalculate(segment, as_of);
        ELSIF step = 'refresh' THEN
            EXECUTE format('REFRESH MATERIALIZED VIEW CONCURRENTLY %s', bench.view_name(case_position));
        ELSE
            PERFORM bench.time_count(bench.method_query(case_position, 'handwritten'));
        END IF;
        COMMIT;
        elapsed := 1000 * extract(epoch FROM clock_timestamp() - started);
        IF step = 'recalculate' THEN
            SELECT r.joined_count + r.left_count INTO changed_members
            FROM segments.recalculation AS r
            WHERE r.segment_id = segment
            ORDER BY r.recalculation_id DESC
            LIMIT 1;
        END IF;
        INSERT INTO bench.timing (measure, position, method, run, ms, rows)
        VALUES (measure, case_position, step, run, elapsed, changed_members);
        COMMIT;
    END LOOP;
END
$$;
COMMENT ON PROCEDURE bench.time_recalculate_and_refresh(text, integer, integer) IS
    'Times segments.recalculate of a case''s segment, the concurrent refresh of its materialized view and its hand-written query.';

-- Recalculate against refresh, on unchanged data (runs times) and after each
-- of rounds rounds of changes to 1% of the customers (bench.apply_changes).
-- The first pass brings segments and views to the data and is run 0.
CREATE PROCEDURE bench.measure_refresh(runs integer, rounds integer)
LANGUAGE plpgsql
AS $$
DECLARE
    run integer;
    c record;
    started timestamptz;
BEGIN
    FOR run IN 0..runs LOOP
        FOR c IN SELECT position FROM bench.case ORDER BY position LOOP
            CALL bench.time_recalculate_and_refresh('unchanged', c.position, run);
        END LOOP;
    END LOOP;
    FOR run IN 1..rounds LOOP
        started := clock_timestamp();
        CALL bench.apply_changes(run);
        COMMIT;
        INSERT INTO bench.timing (measure, position, method, run, ms)
        VALUES ('changed', 0, 'changes', run, 1000 * extract(epoch FROM clock_timestamp() - started));
        COMMIT;
        FOR c IN SELECT position FROM bench.case ORDER BY position LOOP
            CALL bench.time_recalculate_and_refresh('changed', c.position, run);
        END LOOP;
    END LOOP;
END
$$;
COMMENT ON PROCEDURE bench.measure_refresh(integer, integer) IS
    'Times recalculate against REFRESH MATERIALIZED VIEW CONCURRENTLY on unchanged data and after rounds of 1% changes.';

-- Recalculates every segment at as_of with segments.recalculate_all. Where
-- that procedure is not installed, recalculates every segment in segment_id
-- order, each committed, which is the order recalculate_all takes when no
-- segment reads a segment with a higher id.
CREATE PROCEDURE bench.recalculate_every_segment(as_of timestamptz)
LANGUAGE plpgsql
AS $$
DECLARE
    segment bigint;
BEGIN
    IF to_regprocedure('segments.recalculate_all(timestamptz, text)') IS NOT NULL THEN
        CALL segments.recalculate_all(as_of);
    ELSE
        FOR segment IN SELECT s.segment_id FROM segments.segment AS s ORDER BY s.segment_id LOOP
            CALL segments.recalculate(segment, as_of);
            COMMIT;
        END LOOP;
    END IF;
    COMMIT;
END
$$;
COMMENT ON PROCEDURE bench.recalculate_every_segment(timestamptz) IS
    'Recalculates every segment at as_of with segments.recalculate_all, or one by one where it is not installed.';

-- recalculate_all as a daily job runs it: at as_of minus one day (run 0, to
-- set the stored membership a day back), at as_of (run 1, the next day's
-- run), then runs times more at as_of on unchanged data.
CREATE PROCEDURE bench.measure_recalculate_all(runs integer)
LANGUAGE plpgsql
AS $$
DECLARE
    as_of timestamptz := (SELECT b.as_of FROM bench.setting AS b);
    run integer;
    started timestamptz;
BEGIN
    FOR run IN 0..runs + 1 LOOP
        started := clock_timestamp();
        CALL bench.recalculate_every_segment(CASE WHEN run = 0 THEN as_of - interval '1 day' ELSE as_of END);
        INSERT INTO bench.timing (measure, position, method, run, ms)
        VALUES ('recalculate_all', 0,
                CASE run WHEN 0 THEN 'previous_day' WHEN 1 THEN 'next_day' ELSE 'unchanged' END,
                run, 1000 * extract(epoch FROM clock_timestamp() - started));
        -- Each segment's share, from the run log.
        INSERT INTO bench.timing (measure, position, method, run, ms, rows)
        SELECT 'recalculate_all_segment', c.position,
               CASE run WHEN 0 THEN 'previous_day' WHEN 1 THEN 'next_day' ELSE 'unchanged' END,
               run, 1000 * extract(epoch FROM r.duration), r.member_count
        FROM segments.recalculation AS r
        JOIN bench.case AS c ON c.segment_id = r.segment_id
        WHERE r.started_at >= started AND r.outcome = 'succeeded';
        COMMIT;
    END LOOP;
END
$$;
COMMENT ON PROCEDURE bench.measure_recalculate_all(integer) IS
    'Times recalculate_all at as_of minus one day, then at as_of (a daily run), then runs times more at as_of.';
