-- Prints the measurements in bench_results as Markdown tables. psql variables:
-- compare_scale (the scale the side-by-side measurements were taken at).
-- Times are medians over the runs after the warm-up run; every ratio is of
-- two medians from the same run of bench/run.sh.

\set ON_ERROR_STOP on
\pset format unaligned
\pset tuples_only on
\pset footer off

CREATE TEMPORARY VIEW median_ms AS
SELECT scale, measure, position, method,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms,
       count(*) AS runs
FROM results.timing
WHERE run > 0 OR measure = 'recalculate_all' OR measure = 'recalculate_all_segment'
GROUP BY scale, measure, position, method;

CREATE TEMPORARY VIEW query_ratio AS
SELECT c.position, c.segment_name, c.member_count,
       h.ms AS handwritten, s.ms AS compiled, e.ms AS evaluate, h.runs,
       s.ms / h.ms AS compiled_ratio, e.ms / h.ms AS evaluate_ratio
FROM results.case AS c
JOIN median_ms AS h ON (h.scale, h.measure, h.position, h.method) = (c.scale, 'query', c.position, 'handwritten')
JOIN median_ms AS s ON (s.scale, s.measure, s.position, s.method) = (c.scale, 'query', c.position, 'compiled')
JOIN median_ms AS e ON (e.scale, e.measure, e.position, e.method) = (c.scale, 'query', c.position, 'evaluate')
WHERE c.scale = :compare_scale;

-- The members who joined or left in a changed round's recalculation.
CREATE TEMPORARY VIEW changed_members AS
SELECT scale, position, percentile_cont(0.5) WITHIN GROUP (ORDER BY rows) AS members
FROM results.timing
WHERE measure = 'changed' AND method = 'recalculate' AND run > 0
GROUP BY scale, position;

-- recalculate / hand-written divides by the hand-written query timed in the
-- same loop, on the same data.
CREATE TEMPORARY VIEW refresh_ratio AS
SELECT c.position, c.segment_name,
       ur.ms AS unchanged_recalculate, uf.ms AS unchanged_refresh, uh.ms AS unchanged_handwritten,
       ur.runs AS unchanged_runs,
       cr.ms AS changed_recalculate, cf.ms AS changed_refresh, ch.ms AS changed_handwritten,
       cr.runs AS changed_runs, m.members AS changed_members,
       ur.ms / uf.ms AS unchanged_ratio, cr.ms / cf.ms AS changed_ratio,
       ur.ms / uh.ms AS unchanged_query_ratio, cr.ms / ch.ms AS changed_query_ratio
FROM results.case AS c
JOIN median_ms AS ur ON (ur.scale, ur.measure, ur.position, ur.method) = (c.scale, 'unchanged', c.position, 'recalculate')
JOIN median_ms AS uf ON (uf.scale, uf.measure, uf.position, uf.method) = (c.scale, 'unchanged', c.position, 'refresh')
JOIN median_ms AS uh ON (uh.scale, uh.measure, uh.position, uh.method) = (c.scale, 'unchanged', c.position, 'handwritten')
JOIN median_ms AS cr ON (cr.scale, cr.measure, cr.position, cr.method) = (c.scale, 'changed', c.position, 'recalculate')
JOIN median_ms AS cf ON (cf.scale, cf.measure, cf.position, cf.method) = (c.scale, 'changed', c.position, 'refresh')
JOIN median_ms AS ch ON (ch.scale, ch.measure, ch.position, ch.method) = (c.scale, 'changed', c.position, 'handwritten')
LEFT JOIN changed_members AS m ON (m.scale, m.position) = (c.scale, c.position)
WHERE c.scale = :compare_scale;

CREATE TEMPORARY VIEW recalculate_all AS
SELECT n.scale, n.ms AS next_day, u.ms AS unchanged, u.runs,
       lag(n.scale) OVER w AS previous_scale, lag(n.ms) OVER w AS previous_next_day,
       lag(u.ms) OVER w AS previous_unchanged
FROM median_ms AS n
JOIN median_ms AS u ON (u.scale, u.measure, u.method) = (n.scale, 'recalculate_all', 'unchanged')
WHERE n.measure = 'recalculate_all' AND n.method = 'next_day'
WINDOW w AS (ORDER BY n.scale);

-- Formats milliseconds for a table: one decimal below 100 ms, whole above.
CREATE FUNCTION pg_temp.ms(value double precision) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT CASE WHEN value < 100 THEN to_char(value, 'FM999990.0') ELSE to_char(value, 'FM999999990') END $$;

CREATE FUNCTION pg_temp.ratio(value double precision) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT to_char(value, 'FM99990.00') $$;

\echo '### Datasets'
\echo
\echo '| customers | acquisitions | redemptions | point events | answers | database size | generation |'
\echo '|---:|---:|---:|---:|---:|---:|---:|'
SELECT format('| %s | %s | %s | %s | %s | %s | %s s |', customers, acquisitions, redemptions, point_events,
              answers, pg_size_pretty(database_bytes), round(generation_s::numeric))
FROM results.scale ORDER BY scale;
\echo

\echo '### Same customers (EXCEPT both ways), at' :compare_scale 'customers'
\echo
\echo '| segment | evaluate | hand-written | compiled | evaluate EXCEPT hand-written | hand-written EXCEPT evaluate | result |'
\echo '|---|---:|---:|---:|---:|---:|---|'
SELECT format('| %s | %s | %s | %s | %s | %s | %s |', c.segment_name, r.evaluate_rows, r.handwritten_rows,
              r.compiled_rows, r.evaluate_not_handwritten, r.handwritten_not_evaluate,
              CASE WHEN r.evaluate_not_handwritten = 0 AND r.handwritten_not_evaluate = 0
                        AND r.evaluate_rows = r.handwritten_rows AND r.evaluate_rows = r.compiled_rows
                   THEN 'same' ELSE '**DIFFERENT**' END)
FROM results.check_result AS r
JOIN results.case AS c USING (scale, position)
WHERE r.scale = :compare_scale
ORDER BY r.position;
\echo

\echo '### Query time, at' :compare_scale 'customers (median ms)'
\echo
\echo '| segment | members | hand-written | compiled | evaluate | compiled / hand-written | evaluate / hand-written | target compiled / hand-written <= 1.10 |'
\echo '|---|---:|---:|---:|---:|---:|---:|---|'
SELECT format('| %s | %s | %s | %s | %s | %s | %s | %s |', segment_name, member_count, pg_temp.ms(handwritten),
              pg_temp.ms(compiled), pg_temp.ms(evaluate), pg_temp.ratio(compiled_ratio),
              pg_temp.ratio(evaluate_ratio), CASE WHEN compiled_ratio <= 1.10 THEN 'met' ELSE '**missed**' END)
FROM query_ratio ORDER BY position;
SELECT format('Runs per median: %s.', min(runs)) FROM query_ratio;
\echo

\echo '### recalculate against REFRESH MATERIALIZED VIEW CONCURRENTLY, at' :compare_scale 'customers (median ms)'
\echo
\echo '| segment | unchanged: recalculate | refresh | hand-written | recalculate / refresh | 1% changed: recalculate | refresh | hand-written | recalculate / refresh | members joined or left | recalculate / hand-written query, unchanged | changed |'
\echo '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
SELECT format('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |', segment_name,
              pg_temp.ms(unchanged_recalculate), pg_temp.ms(unchanged_refresh), pg_temp.ms(unchanged_handwritten),
              pg_temp.ratio(unchanged_ratio) || CASE WHEN unchanged_ratio > 1.0 THEN ' **missed**' ELSE '' END,
              pg_temp.ms(changed_recalculate), pg_temp.ms(changed_refresh), pg_temp.ms(changed_handwritten),
              pg_temp.ratio(changed_ratio) || CASE WHEN changed_ratio > 1.0 THEN ' **missed**' ELSE '' END,
              coalesce(round(changed_members)::text, ''),
              pg_temp.ratio(unchanged_query_ratio) || CASE WHEN unchanged_query_ratio > 1.5 THEN ' **missed**' ELSE '' END,
              pg_temp.ratio(changed_query_ratio) || CASE WHEN changed_query_ratio > 1.5 THEN ' **missed**' ELSE '' END)
FROM refresh_ratio ORDER BY position;
SELECT format('Targets: recalculate / refresh <= 1.0; recalculate / hand-written query <= 1.5. Runs per median: %s unchanged, %s changed.',
              min(unchanged_runs), min(changed_runs))
FROM refresh_ratio;
SELECT format('Applying a round of changes took %s ms (median of %s).', pg_temp.ms(ms), runs)
FROM median_ms WHERE scale = :compare_scale AND measure = 'changed' AND method = 'changes';
\echo

\echo '### recalculate_all of every demo segment (ms)'
\echo
\echo '| customers | next day | unchanged (median) | next day per 1,000 customers | time ratio to the previous scale (next day, unchanged) | customer ratio |'
\echo '|---:|---:|---:|---:|---|---:|'
SELECT format('| %s | %s | %s | %s | %s | %s |', scale, pg_temp.ms(next_day), pg_temp.ms(unchanged),
              pg_temp.ms(next_day / scale * 1000),
              coalesce(pg_temp.ratio(next_day / previous_next_day) || ', ' || pg_temp.ratio(unchanged / previous_unchanged), ''),
              coalesce(pg_temp.ratio(scale::double precision / previous_scale), ''))
FROM recalculate_all ORDER BY scale;
\echo
\echo 'Each segment''s share of the next-day run, from segments.recalculation (ms):'
\echo
SELECT '| segment | ' || string_agg(scale || ' customers', ' | ' ORDER BY scale) || ' |' FROM results.scale;
SELECT '|---|' || string_agg('---:', '|') || '|' FROM results.scale;
SELECT format('| %s | %s |', c.segment_name,
              string_agg(coalesce(pg_temp.ms(m.ms), ''), ' | ' ORDER BY s.scale))
FROM (SELECT DISTINCT position, segment_name FROM results.case) AS c
CROSS JOIN results.scale AS s
LEFT JOIN median_ms AS m
  ON (m.scale, m.measure, m.position, m.method) = (s.scale, 'recalculate_all_segment', c.position, 'next_day')
GROUP BY c.position, c.segment_name
ORDER BY c.position;
\echo

\echo '### Peak backend memory'
\echo
\echo '| customers | operation | segment | rows | time (ms) | peak RssAnon | VmHWM | temporary files written |'
\echo '|---:|---|---|---:|---:|---:|---:|---:|'
SELECT format('| %s | %s | %s | %s | %s | %s | %s | %s |', scale, operation, coalesce(segment_name, 'all'),
              coalesce(rows::text, ''), pg_temp.ms(ms), pg_size_pretty(peak_rss_anon_kb * 1024),
              pg_size_pretty(vm_hwm_kb * 1024), coalesce(pg_size_pretty(temp_bytes), ''))
FROM results.memory
ORDER BY operation, scale;
\echo

\echo '### Targets missed'
\echo
CREATE TEMPORARY TABLE missed AS
SELECT part, sort, line FROM (
    SELECT 1 AS part, position AS sort,
           format('- query, %s: compiled / hand-written = %s (target <= 1.10)', segment_name,
                  pg_temp.ratio(compiled_ratio)) AS line
    FROM query_ratio WHERE compiled_ratio > 1.10
    UNION ALL
    SELECT 2, position, format('- recalculate / refresh, unchanged, %s: %s (target <= 1.0)', segment_name,
                               pg_temp.ratio(unchanged_ratio))
    FROM refresh_ratio WHERE unchanged_ratio > 1.0
    UNION ALL
    SELECT 3, position, format('- recalculate / refresh, 1%% changed, %s: %s (target <= 1.0)', segment_name,
                               pg_temp.ratio(changed_ratio))
    FROM refresh_ratio WHERE changed_ratio > 1.0
    UNION ALL
    SELECT 4, position, format('- recalculate / hand-written query, unchanged, %s: %s (target <= 1.5)', segment_name,
                               pg_temp.ratio(unchanged_query_ratio))
    FROM refresh_ratio WHERE unchanged_query_ratio > 1.5
    UNION ALL
    SELECT 5, position, format('- recalculate / hand-written query, 1%% changed, %s: %s (target <= 1.5)', segment_name,
                               pg_temp.ratio(changed_query_ratio))
    FROM refresh_ratio WHERE changed_query_ratio > 1.5
    UNION ALL
    SELECT 6, 0, format('- recalculate_all from %s to %s customers: next day %s times as long, unchanged %s, for %s times the customers (target: linear or better)',
                        previous_scale, scale, pg_temp.ratio(next_day / previous_next_day),
                        pg_temp.ratio(unchanged / previous_unchanged), pg_temp.ratio(scale::double precision / previous_scale))
    FROM recalculate_all
    WHERE previous_scale IS NOT NULL
      AND (next_day / previous_next_day > 1.1 * scale / previous_scale
           OR unchanged / previous_unchanged > 1.1 * scale / previous_scale)
    UNION ALL
    SELECT 7, position, format('- same customers, %s: the hand-written query does not return what evaluate returns', c.segment_name)
    FROM results.check_result AS r JOIN results.case AS c USING (scale, position)
    WHERE r.scale = :compare_scale
      AND NOT (r.evaluate_not_handwritten = 0 AND r.handwritten_not_evaluate = 0
               AND r.evaluate_rows = r.handwritten_rows AND r.evaluate_rows = r.compiled_rows)
) AS missed;
SELECT line FROM missed ORDER BY part, sort;
SELECT 'None.' WHERE NOT EXISTS (SELECT FROM missed);
