-- Stored membership: a recalculation applies only the difference, keeps
-- joined_at of members who stay, logs who joined and left, and leaves
-- segment.member_count equal to the stored rows.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
\set SHOW_CONTEXT never

INSERT INTO segments.item (item_id, name, kind) VALUES
    (1, 'City Pass', 'pass'),
    (2, 'Museum ticket', 'product');
INSERT INTO segments.customer (customer_id, first_name, created_at) VALUES
    (1, 'Ada', '2025-12-01 00:00+00'),
    (2, 'Ben', '2025-12-01 00:00+00'),
    (3, 'Cleo', '2025-12-01 00:00+00'),
    (4, 'Dan', '2025-12-01 00:00+00');
-- The segment exists before any purchase, so whatever runs when it is created
-- finds no members.
INSERT INTO segments.segment (name, definition)
VALUES ('Active pass holders',
        '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "status": "active"}]}');
SELECT segment_id AS pass_holders FROM segments.segment WHERE name = 'Active pass holders' \gset

-- Ada, Ben and Dan buy the pass at different dates; Cleo only a product.
INSERT INTO segments.acquisition (acquisition_id, customer_id, item_id, acquired_at, status) VALUES
    (11, 1, 1, '2026-01-10 12:00+00', 'active'),
    (12, 2, 1, '2026-02-10 12:00+00', 'active'),
    (13, 3, 2, '2026-01-15 12:00+00', 'active'),
    (14, 4, 1, '2026-03-10 12:00+00', 'active');

-- Run 1, as of February 1st: only Ada had bought the pass.
CALL segments.recalculate(:pass_holders, '2026-02-01 00:00+00');
SELECT customer_id FROM segments.segment_members(:pass_holders);
CREATE TEMP TABLE first_join AS
    SELECT customer_id, joined_at FROM segments.segment_member WHERE segment_id = :pass_holders;

-- Run 2, as of March 1st: Ben joins; Ada stays and keeps her joined_at.
CALL segments.recalculate(:pass_holders, '2026-03-01 00:00+00');
SELECT customer_id FROM segments.segment_members(:pass_holders);
SELECT m.joined_at = f.joined_at AS ada_kept_joined_at
FROM segments.segment_member AS m JOIN first_join AS f USING (customer_id)
WHERE m.segment_id = :pass_holders AND m.customer_id = 1;
SELECT m.joined_at > f.joined_at AS ben_joined_later
FROM segments.segment_member AS m, first_join AS f
WHERE m.segment_id = :pass_holders AND m.customer_id = 2 AND f.customer_id = 1;

-- Run 3, as of March 20th, after Ada's pass was refunded: Ada leaves, Dan joins.
UPDATE segments.acquisition SET status = 'refunded' WHERE acquisition_id = 11;
CALL segments.recalculate(:pass_holders, '2026-03-20 00:00+00');
SELECT customer_id FROM segments.segment_members(:pass_holders);

-- The run log: one row per manual run with its counts, newest last.
SELECT as_of, member_count, joined_count, left_count, outcome, error
FROM segments.recalculation
WHERE segment_id = :pass_holders AND trigger = 'manual'
ORDER BY recalculation_id;

-- Who joined and left in which run.
SELECT r.as_of, c.customer_id, c.change
FROM segments.membership_change AS c
JOIN segments.recalculation AS r USING (recalculation_id)
WHERE c.segment_id = :pass_holders AND r.trigger = 'manual'
ORDER BY r.recalculation_id, c.customer_id;

-- The changes of a run carry the run's start time, which is the joiners' joined_at.
SELECT bool_and(c.changed_at = r.started_at) AS changes_at_run_start
FROM segments.membership_change AS c JOIN segments.recalculation AS r USING (recalculation_id)
WHERE c.segment_id = :pass_holders;
SELECT m.joined_at = r.started_at AS dan_joined_at_run_start
FROM segments.segment_member AS m, segments.recalculation AS r
WHERE m.segment_id = :pass_holders AND m.customer_id = 4
  AND r.segment_id = :pass_holders AND r.as_of = '2026-03-20 00:00+00';

-- The stored count equals the stored rows, and the segment shows the last run.
SELECT s.member_count,
       (SELECT count(*) FROM segments.segment_member AS m WHERE m.segment_id = s.segment_id) AS stored_rows,
       s.last_as_of, s.last_outcome, s.last_error, s.last_calculated_at IS NOT NULL AS has_run_time
FROM segments.segment AS s WHERE s.segment_id = :pass_holders;

-- Recalculating an unchanged segment changes nothing and logs no change.
CALL segments.recalculate(:pass_holders, '2026-03-20 00:00+00');
SELECT member_count, joined_count, left_count
FROM segments.recalculation WHERE segment_id = :pass_holders
ORDER BY recalculation_id DESC LIMIT 1;

-- Deleting a member customer records the leave at once, outside any run, and
-- keeps the count equal to the rows.
DELETE FROM segments.customer WHERE customer_id = 2;
SELECT customer_id, change, recalculation_id IS NULL AS outside_a_run
FROM segments.membership_change
WHERE segment_id = :pass_holders AND customer_id = 2
ORDER BY change_id;
SELECT s.member_count,
       (SELECT count(*) FROM segments.segment_member AS m WHERE m.segment_id = s.segment_id) AS stored_rows
FROM segments.segment AS s WHERE s.segment_id = :pass_holders;

-- A segment that does not exist.
CALL segments.recalculate(999, '2026-03-20 00:00+00');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM segments.segment_members(999);
\echo :LAST_ERROR_SQLSTATE
