-- pass_points: the sum of points per customer over their acquisitions of the
-- pass that pass pass_status. Points may be negative; holders with no point
-- events have 0; non-holders never match.
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
-- The definition with one pass_points condition on pass 1.
CREATE FUNCTION pg_temp.points(options text) RETURNS jsonb LANGUAGE sql
AS $$
    SELECT ('{"match": "all", "conditions": [{"type": "pass_points", "pass": 1, ' || options || '}]}')::jsonb
$$;

INSERT INTO segments.item (item_id, name, kind) VALUES
    (1, 'City Pass', 'pass'),
    (2, 'Trail Pass', 'pass');
INSERT INTO segments.customer (customer_id, created_at)
SELECT id, '2025-01-01 00:00+00' FROM generate_series(1, 9) AS id;

INSERT INTO segments.acquisition (acquisition_id, customer_id, item_id, acquired_at, status) VALUES
    (1, 1, 1, '2026-01-05 12:00+00', 'active'),
    (2, 2, 1, '2026-01-05 12:00+00', 'active'),
    (3, 3, 1, '2026-01-05 12:00+00', 'active'),
    (4, 4, 1, '2026-01-05 12:00+00', 'active'),
    (41, 4, 1, '2026-02-05 12:00+00', 'active'),
    (5, 5, 1, '2026-01-05 12:00+00', 'active'),
    (6, 6, 1, '2026-01-05 12:00+00', 'refunded'),
    (8, 8, 2, '2026-01-05 12:00+00', 'active'),
    (9, 9, 1, '2026-01-05 12:00+00', 'active');
-- 7 holds nothing.

INSERT INTO segments.point_event (acquisition_id, customer_id, points, earned_at) VALUES
    (1, 1, 10, '2026-02-01 12:00+00'),    -- 1: 30
    (1, 1, 20, '2026-02-02 12:00+00'),
    -- 2: no events, 0
    (3, 3, 50, '2026-02-01 12:00+00'),    -- 3: 50 - 60 = -10
    (3, 3, -60, '2026-02-02 12:00+00'),
    (4, 4, 40, '2026-02-01 12:00+00'),    -- 4: 40 + 60 over two acquisitions
    (41, 4, 60, '2026-02-10 12:00+00'),
    (5, 5, 95, '2026-02-01 12:00+00'),    -- 5: 95, and 5 more after as_of
    (5, 5, 5, '2026-03-10 12:00:01+00'),
    (6, 6, 200, '2026-02-01 12:00+00'),   -- 6: 200 on a refunded pass
    (8, 8, 500, '2026-02-01 12:00+00'),   -- 8: on pass 2
    (9, 9, 99, '2026-02-01 12:00+00');    -- 9: 99

-- Totals at 2026-03-10 12:00 UTC: 1:30 2:0 3:-10 4:100 5:95 6:200 9:99.
-- expect: 4,6
SELECT pg_temp.members(pg_temp.points('"points": {"at_least": 100}'), 'UTC', '2026-03-10 12:00+00');
-- expect: 2
SELECT pg_temp.members(pg_temp.points('"points": {"exactly": 0}'), 'UTC', '2026-03-10 12:00+00');
-- expect: 3
SELECT pg_temp.members(pg_temp.points('"points": {"less_than": 0}'), 'UTC', '2026-03-10 12:00+00');
-- expect: 1,2,3
SELECT pg_temp.members(pg_temp.points('"points": {"between": [-10, 30]}'), 'UTC', '2026-03-10 12:00+00');
-- expect: 1,2,3,5,9
SELECT pg_temp.members(pg_temp.points('"points": {"at_most": 99}'), 'UTC', '2026-03-10 12:00+00');
-- Active holders: 6's pass is refunded.
-- expect: 4
SELECT pg_temp.members(pg_temp.points('"pass_status": "active", "points": {"greater_than": 99}'), 'UTC', '2026-03-10 12:00+00');
-- A second later, 5's last 5 points count.
-- expect: 4,5,6
SELECT pg_temp.members(pg_temp.points('"points": {"at_least": 100}'), 'UTC', '2026-03-10 12:00:01+00');
-- Before 3 lost 60 points, 3 had 50.
-- expect: 3
SELECT pg_temp.members(pg_temp.points('"points": {"exactly": 50}'), 'UTC', '2026-02-02 00:00+00');
-- Not holders with negative points: everyone else, holders or not.
-- expect: 1,2,4,5,6,7,8,9
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "pass_points", "pass": 1, "points": {"less_than": 0}, "negate": true}]}', 'UTC', '2026-03-10 12:00+00');
