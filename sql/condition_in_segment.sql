-- in_segment: the other segment's stored membership as of its last
-- recalculation; its definition is never evaluated again. Customers created
-- after as_of are still excluded.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
\pset format unaligned
\pset tuples_only on

-- Members of a definition in customer_id order; "none" for an empty result.
CREATE FUNCTION pg_temp.members(definition jsonb, timezone text, as_of timestamptz)
RETURNS text LANGUAGE sql
AS $$
    SELECT coalesce(string_agg(m::text, ',' ORDER BY m), 'none')
    FROM segments.evaluate(definition, timezone, as_of) AS m
$$;
-- The definition "member of segment_id", negated or not.
CREATE FUNCTION pg_temp.in_segment(segment_id bigint, negate boolean) RETURNS jsonb LANGUAGE sql
AS $$
    SELECT jsonb_build_object('match', 'all', 'conditions', jsonb_build_array(
        jsonb_build_object('type', 'in_segment', 'segment', segment_id, 'negate', negate)))
$$;

INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City Pass', 'pass');
INSERT INTO segments.customer (customer_id, created_at, country)
SELECT id, '2025-01-01 00:00+00', 'US' FROM generate_series(1, 5) AS id;
INSERT INTO segments.customer (customer_id, created_at, country) VALUES (6, '2026-03-11 00:00+00', 'US');
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at, status) VALUES
    (1, 1, '2026-01-05 12:00+00', 'active'),
    (2, 1, '2026-01-06 12:00+00', 'active');

INSERT INTO segments.segment (name, definition)
VALUES ('Pass holders', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}')
RETURNING segment_id AS holders \gset
CALL segments.recalculate(:holders, '2026-03-10 12:00+00');

-- expect: 1,2
SELECT pg_temp.members(pg_temp.in_segment(:holders, false), 'UTC', '2026-03-10 12:00+00');
-- 3 buys a pass; the stored membership does not know yet.
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at, status) VALUES
    (3, 1, '2026-03-05 12:00+00', 'active');
-- expect: 1,2
SELECT pg_temp.members(pg_temp.in_segment(:holders, false), 'UTC', '2026-03-10 12:00+00');
-- Stored membership has no history: an earlier as_of reads the same members.
-- expect: 1,2
SELECT pg_temp.members(pg_temp.in_segment(:holders, false), 'UTC', '2026-01-01 00:00+00');
-- expect: 3,4,5
SELECT pg_temp.members(pg_temp.in_segment(:holders, true), 'UTC', '2026-03-10 12:00+00');

-- 6 signs up and buys after the first as_of; a new recalculation stores 3 and 6.
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at, status) VALUES
    (6, 1, '2026-03-12 12:00+00', 'active');
CALL segments.recalculate(:holders, '2026-03-20 00:00+00');
-- expect: 1,2,3,6
SELECT pg_temp.members(pg_temp.in_segment(:holders, false), 'UTC', '2026-03-20 00:00+00');
-- At an as_of before 6 existed, 6 is in no segment, this one included.
-- expect: 1,2,3
SELECT pg_temp.members(pg_temp.in_segment(:holders, false), 'UTC', '2026-03-10 12:00+00');
-- expect: 4,5
SELECT pg_temp.members(pg_temp.in_segment(:holders, true), 'UTC', '2026-03-20 00:00+00');

-- A segment built on another: holders who are not in the "Early" segment.
INSERT INTO segments.segment (name, definition)
VALUES ('Early', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "purchased_between": ["2026-01-01", "2026-01-05"]}]}')
RETURNING segment_id AS early \gset
CALL segments.recalculate(:early, '2026-03-20 00:00+00');
-- expect: 1
SELECT pg_temp.members(pg_temp.in_segment(:early, false), 'UTC', '2026-03-20 00:00+00');
-- expect: 2,3,6
SELECT pg_temp.members(jsonb_build_object('match', 'all', 'conditions', jsonb_build_array(
    jsonb_build_object('type', 'in_segment', 'segment', :holders),
    jsonb_build_object('type', 'in_segment', 'segment', :early, 'negate', true))),
    'UTC', '2026-03-20 00:00+00');
