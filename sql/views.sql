-- The BI views: their column contract, comments, contents after
-- recalculations, and the plans a BI tool's filter on segment_name gets.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
\set SHOW_CONTEXT never
\pset format unaligned
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';

-- Four passholders: Ada and Bjorn hold the city pass, Chidi claimed a prize
-- without a pass, Dana has nothing.
INSERT INTO segments.customer (customer_id, email, first_name, last_name, created_at) VALUES
    (1, 'ada@example.com', 'Ada', 'Lovelace', '2026-01-01 00:00+00'),
    (2, 'bjorn@example.com', 'Björn', 'Borg', '2026-01-01 00:00+00'),
    (3, 'chidi@example.com', 'Chidi', 'Anagonye', '2026-01-01 00:00+00'),
    (4, 'dana@example.com', 'Dana', 'Scully', '2026-01-01 00:00+00');
INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City pass', 'pass'), (2, 'Mug', 'prize');
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at) VALUES
    (1, 1, '2026-01-10 10:00+00'),
    (2, 1, '2026-01-11 10:00+00'),
    (3, 2, '2026-01-12 10:00+00');

-- Segment 1: one condition. Segment 2: one top-level condition and a nested
-- group of two (prize holders without a pass), so 3 conditions, match any:
-- members 1 and 2 by the pass, 3 by the group.
INSERT INTO segments.segment (name, description, definition) VALUES
    ('Pass holders', 'Everyone with a city pass',
     '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}'),
    ('Pass or prize', NULL,
     '{"match": "any", "conditions": [
         {"type": "item_purchase", "items": [1]},
         {"match": "all", "conditions": [
             {"type": "item_purchase", "items": [2]},
             {"type": "item_purchase", "items": [1], "negate": true}]}]}');
CALL segments.recalculate(1, '2026-02-01 00:00+00');
CALL segments.recalculate(2, '2026-02-01 00:00+00');

-- The column contract of each view, in order.
SELECT c.relname AS view_name, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type
FROM pg_catalog.pg_class AS c
JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0
WHERE c.oid IN ('segments.segment_summary'::regclass, 'segments.segment_membership'::regclass,
                'segments.recalculation_log'::regclass, 'segments.membership_changes'::regclass)
ORDER BY c.relname, a.attnum;

-- Every view and every view column has a comment: no rows.
SELECT c.relname, a.attname
FROM pg_catalog.pg_class AS c
LEFT JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0
WHERE c.relnamespace = 'segments'::regnamespace AND c.relkind = 'v'
  AND (pg_catalog.obj_description(c.oid, 'pg_class') IS NULL
       OR pg_catalog.col_description(c.oid, a.attnum) IS NULL);

SELECT segment_id, segment_name, description, match_mode, condition_count, timezone, member_count,
       last_calculated_at IS NOT NULL AS calculated, last_as_of, last_duration IS NOT NULL AS timed,
       last_outcome, last_error
FROM segments.segment_summary
ORDER BY segment_id;

-- joined_at is the time of the run that recorded the customer joining.
SELECT segment_id, segment_name, customer_id, email, first_name, last_name,
       joined_at = (SELECT h.changed_at FROM segments.membership_changes AS h
                    WHERE h.segment_id = m.segment_id AND h.customer_id = m.customer_id
                      AND h.change = 'joined'
                    ORDER BY h.change_id DESC LIMIT 1) AS joined_at_in_history
FROM segments.segment_membership AS m
WHERE segment_name = 'Pass or prize'
ORDER BY customer_id;

-- Ada's pass is refunded and deleted, and Chidi is deleted: the next run
-- records Ada leaving, the deletion itself records Chidi leaving (with no
-- run), and the change history keeps Chidi's id without contact details.
DELETE FROM segments.acquisition WHERE customer_id = 1;
DELETE FROM segments.customer WHERE customer_id = 3;
CALL segments.recalculate(1, '2026-02-02 00:00+00');
CALL segments.recalculate(2, '2026-02-02 00:00+00');

SELECT segment_name, customer_id, email, first_name, last_name, change
FROM segments.membership_changes
ORDER BY segment_id, recalculation_id, customer_id;

SELECT segment_name, customer_id FROM segments.segment_membership ORDER BY segment_id, customer_id;

-- The manual runs of segment 2, and what all its runs changed (creating a
-- segment may run a recalculation of its own, which then records the joins).
SELECT segment_id, segment_name, trigger, as_of, duration IS NOT NULL AS timed,
       member_count, outcome, error
FROM segments.recalculation_log
WHERE segment_name = 'Pass or prize' AND trigger = 'manual'
ORDER BY recalculation_id;
SELECT segment_name, sum(joined_count) AS joined, sum(left_count) AS left
FROM segments.recalculation_log
WHERE segment_name = 'Pass or prize'
GROUP BY segment_name;

-- The summary shows a failed last run with its error.
UPDATE segments.segment SET last_outcome = 'failed', last_error = 'canceling statement due to statement timeout'
WHERE segment_id = 1;
SELECT segment_name, member_count, last_outcome, last_error FROM segments.segment_summary WHERE segment_id = 1;

-- Plans. A filter on segment_name starts from the unique index on the name
-- and reaches the members through the primary key. Sequential scans are
-- disabled because these tables are tiny and the planner would rightly
-- prefer them.
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM segments.segment_membership WHERE segment_name = 'Pass holders';
EXPLAIN (COSTS OFF) SELECT * FROM segments.membership_changes WHERE segment_name = 'Pass holders';
EXPLAIN (COSTS OFF) SELECT * FROM segments.recalculation_log WHERE segment_name = 'Pass holders';
-- Columns a query does not read are not joined: counting members reads only
-- segment_member.
EXPLAIN (COSTS OFF) SELECT count(*) FROM segments.segment_membership WHERE segment_id = 1;
RESET enable_seqscan;
RESET enable_bitmapscan;
