-- segments.compile returns SQL that runs as it is: executed with the
-- parameter values it lists, it returns exactly what segments.evaluate returns.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
\set SHOW_CONTEXT never

INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City Pass', 'pass');
INSERT INTO segments.customer (customer_id, created_at) VALUES
    (1, '2026-01-01 00:00+00'), (2, '2026-01-01 00:00+00'),
    (3, '2026-01-01 00:00+00'), (4, '2026-01-01 00:00+00');
INSERT INTO segments.acquisition (acquisition_id, customer_id, item_id, acquired_at) VALUES
    (1, 1, 1, '2026-03-10 12:00+00'),   -- bought 5 days before as_of
    (2, 2, 1, '2026-01-20 12:00+00'),   -- bought 54 days before as_of
    (3, 3, 1, '2026-01-20 12:00+00');   -- as old as Ben's, but used
INSERT INTO segments.redemption (acquisition_id, customer_id, kind, redeemed_at) VALUES
    (3, 3, 'check_in', '2026-02-01 10:00+00');

-- Bought the pass in the last 30 days, or holds it and never used it:
-- Ada (recent) and Ben (unused) match; Cleo (old and used) and Dan (no pass) do not.
\set definition '{"match": "any", "conditions": [{"type": "item_purchase", "items": [1], "days_since_purchase": {"less_than": 30}}, {"type": "pass_redemptions", "pass": 1, "count": {"exactly": 0}}]}'

-- The parameter list names every value of the definition.
SELECT line FROM regexp_split_to_table(segments.compile(:'definition', 'Europe/Berlin'), E'\n') AS line
WHERE line LIKE '-- $%';

CREATE FUNCTION pg_temp.run_compiled(definition jsonb, as_of timestamptz)
RETURNS SETOF bigint LANGUAGE plpgsql AS $$
BEGIN
    -- $3..$5 are the values listed above: the item, 30 days, the pass. "Exactly
    -- 0 redemptions" compiles to NOT EXISTS, which needs no parameter.
    RETURN QUERY EXECUTE segments.compile(definition, 'Europe/Berlin')
        USING as_of, 'Europe/Berlin'::text, 1::bigint, 30::bigint, 1::bigint;
END
$$;

SELECT * FROM pg_temp.run_compiled(:'definition', '2026-03-15 12:00+00') ORDER BY 1;
SELECT * FROM segments.evaluate(:'definition', 'Europe/Berlin', '2026-03-15 12:00+00') ORDER BY 1;
SELECT segments.preview(:'definition', 'Europe/Berlin', '2026-03-15 12:00+00') AS preview_count;

-- Invalid input to compile: a bad time zone, a bad definition.
SELECT segments.compile(:'definition', 'Mars/Olympus_Mons');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.compile(:'definition', 'europe/berlin');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.compile('{"match": "all"}', 'UTC');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.preview(:'definition', 'Nowhere/Atlantis');
\echo :LAST_ERROR_SQLSTATE
-- as_of without a calendar date.
SELECT segments.preview(:'definition', 'UTC', 'infinity');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM segments.evaluate(:'definition', 'UTC', '-infinity');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.preview(:'definition', 'UTC', '10000-01-01 00:00+00');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.preview(:'definition', 'UTC', '0001-01-01 00:00+00 BC');
\echo :LAST_ERROR_SQLSTATE
-- The first and last days of the range still count days.
SELECT segments.preview(:'definition', 'UTC', '9999-12-30 12:00+00') AS last_day_count;
SELECT segments.preview(:'definition', 'UTC', '0001-01-02 12:00+00') AS first_day_count;
