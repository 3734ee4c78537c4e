-- The location conditions on city, region, country and postal_code compare
-- segments.normalized_text() of the column. The extension creates statistics
-- on those four expressions, so that after ANALYZE the planner estimates
-- how many customers a list of values matches.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;

SELECT stxname FROM pg_catalog.pg_statistic_ext
WHERE stxnamespace = 'segments'::regnamespace
ORDER BY stxname;

-- Ten customers. Normalized, the regions are nc three times, north carolina
-- twice, tn twice and NULL three times. Every value that is not NULL occurs
-- at least twice, so ANALYZE, which reads all ten rows, keeps each of them
-- as a most common value, with its share of the ten rows.
INSERT INTO segments.customer (customer_id, created_at, region) VALUES
    (1, '2025-01-01 00:00+00', ' NC'),
    (2, '2025-01-01 00:00+00', 'nc'),
    (3, '2025-01-01 00:00+00', 'Nc '),
    (4, '2025-01-01 00:00+00', 'North Carolina'),
    (5, '2025-01-01 00:00+00', E'north carolina\t'),
    (6, '2025-01-01 00:00+00', 'TN'),
    (7, '2025-01-01 00:00+00', ' tn'),
    (8, '2025-01-01 00:00+00', NULL),
    (9, '2025-01-01 00:00+00', NULL),
    (10, '2025-01-01 00:00+00', NULL);
ANALYZE segments.customer;

SELECT statistics_name, expr, null_frac, most_common_vals, most_common_freqs
FROM pg_catalog.pg_stats_ext_exprs
WHERE statistics_schemaname = 'segments' AND statistics_name = 'customer_region_stat';

-- The planner's estimate for nc or tn: 3 + 2 of the ten rows. Without the
-- statistics it would take 0.5% of ten rows for each value and round up to 1.
CREATE FUNCTION pg_temp.estimated_rows(query text) RETURNS bigint LANGUAGE plpgsql
AS $$
DECLARE
    plan json;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
    RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::bigint;
END
$$;
SELECT pg_temp.estimated_rows($q$
    SELECT customer_id FROM segments.customer
    WHERE segments.normalized_text(region) = ANY (ARRAY['nc', 'tn'])
$q$) AS estimated_rows;
