-- pass_redemptions: the number of redemptions per customer over their
-- acquisitions of the pass that pass pass_status. Holders with no redemption
-- rows count 0; non-holders never match, not even "exactly 0".
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
-- The definition with one pass_redemptions condition on pass 1.
CREATE FUNCTION pg_temp.redeemed(options text) RETURNS jsonb LANGUAGE sql
AS $$
    SELECT ('{"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 1, ' || options || '}]}')::jsonb
$$;

INSERT INTO segments.item (item_id, name, kind) VALUES
    (1, 'City Pass', 'pass'),
    (2, 'Trail Pass', 'pass');
INSERT INTO segments.customer (customer_id, created_at)
SELECT id, '2025-01-01 00:00+00' FROM generate_series(1, 13) AS id;

-- as_of is 2026-03-10 12:00 UTC; all acquisitions but 9's are older.
INSERT INTO segments.acquisition (acquisition_id, customer_id, item_id, acquired_at, status, expires_at) VALUES
    (1, 1, 1, '2026-01-05 12:00+00', 'active', NULL),
    (2, 2, 1, '2026-01-05 12:00+00', 'active', NULL),
    (3, 3, 1, '2026-01-05 12:00+00', 'active', NULL),
    (4, 4, 2, '2026-01-05 12:00+00', 'active', NULL),    -- the other pass
    (5, 5, 1, '2026-01-05 12:00+00', 'active', NULL),
    (51, 5, 1, '2026-01-20 12:00+00', 'active', NULL),   -- 5 holds pass 1 twice
    (6, 6, 1, '2026-01-05 12:00+00', 'refunded', NULL),
    (7, 7, 1, '2026-01-05 12:00+00', 'active', '2026-03-01 00:00+00'), -- expired
    (8, 8, 1, '2026-01-05 12:00+00', 'active', NULL),
    (9, 9, 1, '2026-03-11 12:00+00', 'active', NULL),    -- after as_of
    (10, 10, 1, '2026-01-05 12:00+00', 'active', NULL),
    (12, 12, 1, '2026-01-05 12:00+00', 'active', NULL),
    (121, 12, 1, '2026-01-05 12:00+00', 'refunded', NULL),
    (13, 13, 1, '2026-01-05 12:00+00', 'active', NULL);
-- 11 has no rows anywhere.

-- Redemption n of an acquisition happens n hours after 2026-02-01 12:00 UTC,
-- far outside any within_days window below.
INSERT INTO segments.redemption (acquisition_id, customer_id, kind, redeemed_at)
SELECT acquisition_id, customer_id, kind, timestamptz '2026-02-01 12:00+00' + n * interval '1 hour'
FROM (VALUES
    (1, 1, 'check_in', 5),   -- 1: 5 check-ins
    (2, 2, 'check_in', 6),   -- 2: 6 check-ins
    (4, 4, 'check_in', 7),   -- 4: 7, but on pass 2
    (5, 5, 'check_in', 3),   -- 5: 3 + 3 over two acquisitions
    (51, 5, 'check_in', 3),
    (6, 6, 'voucher', 2),    -- 6: 2 vouchers + 1 check-in on a refunded pass
    (6, 6, 'check_in', 1),
    (7, 7, 'check_in', 6),   -- 7: 6 on an expired pass
    (8, 8, 'check_in', 4),   -- 8: 4 check-ins + 2 vouchers
    (8, 8, 'voucher', 2),
    (9, 9, 'check_in', 1),
    (10, 10, 'check_in', 5), -- 10: 5, and one more after as_of below
    (12, 12, 'check_in', 1), -- 12: 1 on the active pass, 5 on the refunded one
    (121, 12, 'check_in', 5)
) AS r(acquisition_id, customer_id, kind, how_many),
generate_series(1, how_many) AS n;
INSERT INTO segments.redemption (acquisition_id, customer_id, kind, redeemed_at) VALUES
    (10, 10, 'check_in', '2026-03-10 12:00:01+00'), -- one second after as_of
    -- 13, in New York, where Mar 4 to Mar 10 are the 7 days ending today:
    (13, 13, 'check_in', '2026-03-04 05:30+00'),    -- 00:30 EST Mar 4: 6 days ago
    (13, 13, 'check_in', '2026-03-04 04:30+00'),    -- 23:30 EST Mar 3: 7 days ago
    (13, 13, 'check_in', '2026-03-10 11:59+00'),    -- 07:59 EDT today
    (13, 13, 'check_in', '2026-03-10 12:30+00');    -- after as_of

-- Totals at as_of over any status: 1:5 2:6 3:0 5:6 6:3 7:6 8:6 10:5 12:6 13:3.
-- greater_than 5 means 6 or more.
-- expect: 2,5,7,8,12
SELECT pg_temp.members(pg_temp.redeemed('"count": {"greater_than": 5}'), 'America/New_York', '2026-03-10 12:00+00');
-- expect: 1,10
SELECT pg_temp.members(pg_temp.redeemed('"count": {"exactly": 5}'), 'America/New_York', '2026-03-10 12:00+00');
-- Holders who never redeemed, including 3 with no redemption rows; not 4
-- (another pass), 9 (bought after as_of) or 11 (nothing).
-- expect: 3
SELECT pg_temp.members(pg_temp.redeemed('"count": {"exactly": 0}'), 'America/New_York', '2026-03-10 12:00+00');
-- expect: 1,3,6,10,13
SELECT pg_temp.members(pg_temp.redeemed('"count": {"less_than": 6}'), 'America/New_York', '2026-03-10 12:00+00');
-- Active holders only: 6 (refunded) and 7 (expired) are out, and 12 counts
-- only the redemption on the active pass.
-- expect: 2,5,8
SELECT pg_temp.members(pg_temp.redeemed('"pass_status": "active", "count": {"at_least": 6}'), 'America/New_York', '2026-03-10 12:00+00');
-- expect: 3,12
SELECT pg_temp.members(pg_temp.redeemed('"pass_status": "active", "count": {"at_most": 1}'), 'America/New_York', '2026-03-10 12:00+00');
-- Check-ins only: 8 has 4.
-- expect: 8
SELECT pg_temp.members(pg_temp.redeemed('"kind": "check_in", "count": {"exactly": 4}'), 'America/New_York', '2026-03-10 12:00+00');
-- expect: 6,8
SELECT pg_temp.members(pg_temp.redeemed('"kind": "voucher", "count": {"at_least": 2}'), 'America/New_York', '2026-03-10 12:00+00');
-- Holders without any voucher.
-- expect: 1,2,3,5,7,10,12,13
SELECT pg_temp.members(pg_temp.redeemed('"kind": "voucher", "count": {"exactly": 0}'), 'America/New_York', '2026-03-10 12:00+00');
-- within_days 7 is today and the six days before: 13 has two such
-- redemptions, everyone else none.
-- expect: 13
SELECT pg_temp.members(pg_temp.redeemed('"within_days": 7, "count": {"exactly": 2}'), 'America/New_York', '2026-03-10 12:00+00');
-- expect: 1,2,3,5,6,7,8,10,12
SELECT pg_temp.members(pg_temp.redeemed('"within_days": 7, "count": {"exactly": 0}'), 'America/New_York', '2026-03-10 12:00+00');
-- within_days 1 is today only.
-- expect: 13
SELECT pg_temp.members(pg_temp.redeemed('"within_days": 1, "count": {"exactly": 1}'), 'America/New_York', '2026-03-10 12:00+00');
-- In UTC, 04:30 on Mar 4 is 6 days ago too.
-- expect: 13
SELECT pg_temp.members(pg_temp.redeemed('"within_days": 7, "count": {"exactly": 3}'), 'UTC', '2026-03-10 12:00+00');
-- A second later, 10's sixth redemption counts.
-- expect: 2,5,7,8,10,12
SELECT pg_temp.members(pg_temp.redeemed('"count": {"greater_than": 5}'), 'America/New_York', '2026-03-10 12:00:01+00');
-- Everyone who is not a holder with more than 5, including non-holders.
-- expect: 1,3,4,6,9,10,11,13
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 1, "count": {"greater_than": 5}, "negate": true}]}', 'America/New_York', '2026-03-10 12:00+00');
