-- item_purchase: at least one acquisition of a listed item that passes every
-- filter. Days are calendar days in the segment's time zone; acquisitions
-- after as_of do not count; customers created after as_of are in no segment.
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

INSERT INTO segments.item (item_id, name, kind) VALUES
    (1, 'City Pass', 'pass'),
    (2, 'Museum Ticket', 'product'),
    (4, 'Trail Pass', 'pass'),
    (5, 'Boat Tour', 'product'),
    (6, 'Zoo Ticket', 'product');

INSERT INTO segments.customer (customer_id, created_at)
SELECT id, '2025-01-01 00:00+00' FROM unnest(ARRAY[
    101, 102, 103, 104, 105, 106, 107, 108, 109, 111, 112,
    201, 202, 203, 204, 205, 206, 207,
    301, 302, 303, 304,
    401, 402, 403, 404]) AS id;
-- 110 signed up the day after as_of (2026-03-10 12:00 UTC).
INSERT INTO segments.customer (customer_id, created_at) VALUES (110, '2026-03-11 00:00+00');

-- Item 1, days since purchase. as_of is 2026-03-10 12:00 UTC, 08:00 in New
-- York (EDT, UTC-4, since 2026-03-08), so "today" there is March 10.
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at, status) VALUES
    (101, 1, '2026-03-10 11:00+00', 'active'),   -- 07:00 EDT Mar 10: 0 days
    (102, 1, '2026-03-10 03:30+00', 'active'),   -- 23:30 EDT Mar 9: 1 day (0 in UTC)
    (103, 1, '2026-02-09 05:30+00', 'refunded'), -- 00:30 EST Feb 9: 29 days
    (104, 1, '2026-02-09 04:30+00', 'active'),   -- 23:30 EST Feb 8: 30 days
    (105, 1, '2026-02-07 15:00+00', 'active'),   -- Feb 7: 31 days
    (106, 1, '2026-03-10 12:00:01+00', 'active'), -- one second after as_of
    (107, 1, '2026-03-08 04:30+00', 'active'),   -- 23:30 EST Mar 7: 3 days
    (108, 1, '2026-03-08 05:30+00', 'active'),   -- 00:30 EST Mar 8: 2 days
    (109, 1, '2026-03-08 07:30+00', 'active'),   -- 03:30 EDT Mar 8, after the change: 2 days
    (110, 1, '2026-03-01 12:00+00', 'active'),   -- bought, but created after as_of
    (112, 2, '2026-03-05 12:00+00', 'active');   -- another item only
-- 111 has no acquisitions at all.

-- Bought on one of the 30 calendar days ending today (Feb 9 to Mar 10).
-- expect: 101,102,103,107,108,109
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "days_since_purchase": {"less_than": 30}}]}', 'America/New_York', '2026-03-10 12:00+00');
-- 104 bought at 23:30 on Feb 8 local time, 30 days ago.
-- expect: 104
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "days_since_purchase": {"exactly": 30}}]}', 'America/New_York', '2026-03-10 12:00+00');
-- greater_than 30 is 31 or more.
-- expect: 105
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "days_since_purchase": {"greater_than": 30}}]}', 'America/New_York', '2026-03-10 12:00+00');
-- expect: 104,105
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "days_since_purchase": {"at_least": 30}}]}', 'America/New_York', '2026-03-10 12:00+00');
-- Two days ago or later: both sides of the DST change on Mar 8 count as Mar 8.
-- expect: 101,102,108,109
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "days_since_purchase": {"at_most": 2}}]}', 'America/New_York', '2026-03-10 12:00+00');
-- 23:30 EST on Mar 7 is three days ago, although it is Mar 8 in UTC.
-- expect: 107
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "days_since_purchase": {"exactly": 3}}]}', 'America/New_York', '2026-03-10 12:00+00');
-- expect: 102,108,109
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "days_since_purchase": {"between": [1, 2]}}]}', 'America/New_York', '2026-03-10 12:00+00');
-- In UTC, 102's purchase (03:30 UTC Mar 10) is today as well.
-- expect: 101,102
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "days_since_purchase": {"exactly": 0}}]}', 'UTC', '2026-03-10 12:00+00');
-- Nobody bought item 1 on Mar 9 UTC: an empty result.
-- expect: none
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "days_since_purchase": {"exactly": 1}}]}', 'UTC', '2026-03-10 12:00+00');
-- 103's purchase counts for status "any" even though it was refunded.
-- expect: 101,102,103,107,108,109
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "status": "any", "days_since_purchase": {"less_than": 30}}]}', 'America/New_York', '2026-03-10 12:00+00');
-- With status "active" it does not.
-- expect: 101,102,107,108,109
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "status": "active", "days_since_purchase": {"less_than": 30}}]}', 'America/New_York', '2026-03-10 12:00+00');
-- Any of items 1 and 2, any time: 106's purchase is after as_of, 110 did not
-- exist yet, 111 bought nothing.
-- expect: 101,102,103,104,105,107,108,109,112
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1, 2]}]}', 'America/New_York', '2026-03-10 12:00+00');
-- Day counts too large for an index range still compare exactly.
-- expect: 101,102,103,104,105,107,108,109
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "days_since_purchase": {"at_most": 5000000000}}]}', 'America/New_York', '2026-03-10 12:00+00');
-- expect: none
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "days_since_purchase": {"greater_than": 9223372036854775807}}]}', 'America/New_York', '2026-03-10 12:00+00');
-- One second later 106's purchase is at as_of and counts.
-- expect: 101,102,103,104,105,106,107,108,109
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}', 'America/New_York', '2026-03-10 12:00:01+00');

-- Item 4, status. An acquisition is active when its status is 'active' and it
-- has not expired at as_of.
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at, status, expires_at) VALUES
    (201, 4, '2025-06-01 12:00+00', 'active', NULL),                    -- never expires
    (202, 4, '2025-06-01 12:00+00', 'active', '2026-03-01 00:00+00'),   -- status says active, but expired
    (203, 4, '2025-06-01 12:00+00', 'active', '2026-03-10 12:00+00'),   -- expires exactly at as_of
    (204, 4, '2025-06-01 12:00+00', 'active', '2026-03-10 12:00:01+00'), -- expires a second after as_of
    (205, 4, '2025-06-01 12:00+00', 'refunded', NULL),
    (206, 4, '2025-06-01 12:00+00', 'expired', '2027-01-01 00:00+00'),
    (207, 4, '2025-06-01 12:00+00', 'cancelled', NULL),
    (207, 4, '2025-07-01 12:00+00', 'active', '2026-12-31 00:00+00');  -- a second, active one

-- expect: 201,204,207
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [4], "status": "active"}]}', 'America/New_York', '2026-03-10 12:00+00');
-- expect: 201,202,203,204,205,206,207
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [4]}]}', 'America/New_York', '2026-03-10 12:00+00');
-- On Feb 28, 202 and 203 had not expired yet.
-- expect: 201,202,203,204,207
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [4], "status": "active"}]}', 'America/New_York', '2026-02-28 12:00+00');
-- Everyone who existed at as_of and never acquired item 4, including those
-- with no acquisitions (111); not 110, created after as_of.
-- expect: 101,102,103,104,105,106,107,108,109,111,112,301,302,303,304,401,402,403,404
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [4], "negate": true}]}', 'America/New_York', '2026-03-10 12:00+00');

-- Item 5, purchased_between: inclusive local dates. On May 16, 2025 New York
-- is on EDT (UTC-4) and Berlin on CEST (UTC+2).
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at, status) VALUES
    (301, 5, '2025-05-17 03:30+00', 'active'),    -- 23:30 EDT May 16; May 17 in UTC
    (302, 5, '2025-05-17 04:30+00', 'active'),    -- 00:30 EDT May 17
    (303, 5, '2025-05-16 04:00+00', 'active'),    -- 00:00 EDT May 16, the first instant
    (304, 5, '2025-05-16 03:59:59+00', 'active'); -- 23:59:59 EDT May 15; May 16 in UTC

-- A purchase at 23:30 local on May 16 is a May 16 purchase.
-- expect: 301,303
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [5], "purchased_between": ["2025-05-16", "2025-05-16"]}]}', 'America/New_York', '2026-03-10 12:00+00');
-- The same purchases counted on UTC days.
-- expect: 303,304
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [5], "purchased_between": ["2025-05-16", "2025-05-16"]}]}', 'UTC', '2026-03-10 12:00+00');
-- In Berlin all four are on the 16th or 17th: 301 and 302 on the 17th.
-- expect: 303,304
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [5], "purchased_between": ["2025-05-16", "2025-05-16"]}]}', 'Europe/Berlin', '2026-03-10 12:00+00');
-- expect: 301,302,303,304
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [5], "purchased_between": ["2025-05-15", "2025-05-17"]}]}', 'America/New_York', '2026-03-10 12:00+00');
-- Before the purchases happened, nobody had bought in that range.
-- expect: none
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [5], "purchased_between": ["2025-05-15", "2025-05-17"]}]}', 'America/New_York', '2025-05-15 12:00+00');

-- Item 6, the week Berlin leaves summer time: 2025-10-26 03:00 CEST becomes
-- 02:00 CET. as_of 2025-10-27 10:00 UTC is 11:00 CET on Oct 27.
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at, status) VALUES
    (401, 6, '2025-10-25 22:30+00', 'active'), -- 00:30 CEST Oct 26: 1 day
    (402, 6, '2025-10-25 21:30+00', 'active'), -- 23:30 CEST Oct 25: 2 days
    (403, 6, '2025-10-26 22:30+00', 'active'), -- 23:30 CET Oct 26: 1 day
    (404, 6, '2025-10-26 23:30+00', 'active'); -- 00:30 CET Oct 27: 0 days

-- expect: 401,403
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [6], "days_since_purchase": {"exactly": 1}}]}', 'Europe/Berlin', '2025-10-27 10:00+00');
-- expect: 402
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [6], "days_since_purchase": {"exactly": 2}}]}', 'Europe/Berlin', '2025-10-27 10:00+00');
-- expect: 404
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [6], "days_since_purchase": {"exactly": 0}}]}', 'Europe/Berlin', '2025-10-27 10:00+00');
-- Purchased on Oct 26 local time, the 25-hour day.
-- expect: 401,403
SELECT pg_temp.members('{"match": "all", "conditions": [{"type": "item_purchase", "items": [6], "purchased_between": ["2025-10-26", "2025-10-26"]}]}', 'Europe/Berlin', '2025-10-27 10:00+00');
