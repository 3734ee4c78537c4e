-- pass_expiration: days from today to the local date of expires_at, over the
-- customer's active acquisitions of the pass that have an expiry date.
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
-- The definition with one pass_expiration condition on pass 1.
CREATE FUNCTION pg_temp.expiring(comparator text) RETURNS jsonb LANGUAGE sql
AS $$
    SELECT ('{"match": "all", "conditions": [{"type": "pass_expiration", "pass": 1, "days_until_expiration": ' || comparator || '}]}')::jsonb
$$;

INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City Pass', 'pass'), (2, 'Trail Pass', 'pass');
INSERT INTO segments.customer (customer_id, created_at)
SELECT id, '2025-01-01 00:00+00' FROM generate_series(1, 13) AS id;

-- as_of 2026-03-10 12:00 UTC is 08:00 EDT (UTC-4) on Mar 10 in New York.
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at, status, expires_at) VALUES
    (1, 1, '2026-01-05 12:00+00', 'active', '2026-04-09 12:00+00'),   -- 08:00 EDT Apr 9: 30 days
    (2, 1, '2026-01-05 12:00+00', 'active', '2026-04-10 03:30+00'),   -- 23:30 EDT Apr 9: 30 days (31 in UTC)
    (3, 1, '2026-01-05 12:00+00', 'active', '2026-04-10 04:30+00'),   -- 00:30 EDT Apr 10: 31 days
    (4, 1, '2026-01-05 12:00+00', 'active', '2026-04-08 12:00+00'),   -- 29 days
    (5, 1, '2026-01-05 12:00+00', 'expired', '2026-04-09 12:00+00'),  -- not active
    (6, 1, '2026-01-05 12:00+00', 'active', NULL),                    -- never expires
    (7, 1, '2026-01-05 12:00+00', 'active', '2026-03-10 11:00+00'),   -- expired an hour before as_of
    (8, 1, '2026-01-05 12:00+00', 'active', '2026-03-10 23:00+00'),   -- 19:00 EDT today: 0 days
    (9, 1, '2026-01-05 12:00+00', 'refunded', '2026-04-09 12:00+00'), -- not active...
    (9, 1, '2026-01-05 12:00+00', 'active', '2026-05-09 12:00+00'),   -- ...but this one is: 60 days
    (10, 1, '2026-03-11 12:00+00', 'active', '2026-04-09 12:00+00'),  -- acquired after as_of
    (11, 1, '2026-01-05 12:00+00', 'active', '2026-03-29 22:30+00'),  -- for Berlin, below
    (12, 1, '2026-01-05 12:00+00', 'active', '2026-03-29 21:30+00'),
    (13, 2, '2026-01-05 12:00+00', 'active', '2026-04-09 12:00+00');  -- another pass

-- expect: 1,2
SELECT pg_temp.members(pg_temp.expiring('{"exactly": 30}'), 'America/New_York', '2026-03-10 12:00+00');
-- On UTC days 2's pass expires on Apr 10, 31 days away.
-- expect: 1
SELECT pg_temp.members(pg_temp.expiring('{"exactly": 30}'), 'UTC', '2026-03-10 12:00+00');
-- 11 and 12 expire on Mar 29 New York time (19 days), 9 in 60 days.
-- expect: 4,8,11,12
SELECT pg_temp.members(pg_temp.expiring('{"less_than": 30}'), 'America/New_York', '2026-03-10 12:00+00');
-- expect: 1,2,3
SELECT pg_temp.members(pg_temp.expiring('{"between": [30, 31]}'), 'America/New_York', '2026-03-10 12:00+00');
-- expect: 3,9
SELECT pg_temp.members(pg_temp.expiring('{"at_least": 31}'), 'America/New_York', '2026-03-10 12:00+00');
-- Expires later today.
-- expect: 8
SELECT pg_temp.members(pg_temp.expiring('{"exactly": 0}'), 'America/New_York', '2026-03-10 12:00+00');
-- expect: none
SELECT pg_temp.members(pg_temp.expiring('{"greater_than": 60}'), 'America/New_York', '2026-03-10 12:00+00');
-- Berlin enters summer time on 2026-03-29 at 02:00 CET. as_of 2026-03-28
-- 12:00 UTC is 13:00 CET on Mar 28. 11 expires at 00:30 CEST Mar 30 (2 days),
-- 12 at 23:30 CEST Mar 29 (1 day). 10's pass now counts (bought Mar 11).
-- expect: 12
SELECT pg_temp.members(pg_temp.expiring('{"exactly": 1}'), 'Europe/Berlin', '2026-03-28 12:00+00');
-- expect: 11
SELECT pg_temp.members(pg_temp.expiring('{"exactly": 2}'), 'Europe/Berlin', '2026-03-28 12:00+00');
-- Apr 9 is 12 days after Mar 28; 2's expiry is Apr 10 in Berlin.
-- expect: 1,10
SELECT pg_temp.members(pg_temp.expiring('{"exactly": 12}'), 'Europe/Berlin', '2026-03-28 12:00+00');
-- Everyone without an active pass 1 expiring within 30 days, including 6
-- (no expiry date) and 13 (another pass).
-- expect: 1,2,3,5,6,7,9,10,13
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "pass_expiration", "pass": 1, "days_until_expiration": {"less_than": 30}, "negate": true}]}', 'America/New_York', '2026-03-10 12:00+00');
