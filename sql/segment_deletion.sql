-- Deleting a segment deletes its members and its membership history; deleting
-- runs deletes the changes they made; TRUNCATE of the segments empties both.
-- These tables have no foreign key to their segment or run, so triggers do it.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
\set SHOW_CONTEXT never

INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City Pass', 'pass');
INSERT INTO segments.customer (customer_id, first_name, created_at) VALUES
    (1, 'Ada', '2025-12-01 00:00+00'),
    (2, 'Ben', '2025-12-01 00:00+00'),
    (3, 'Cleo', '2025-12-01 00:00+00');
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at) VALUES
    (1, 1, '2026-01-10 12:00+00'), (2, 1, '2026-01-10 12:00+00');
-- Pass holders: Ada and Ben. Everyone: Ada, Ben and Cleo.
INSERT INTO segments.segment (segment_id, name, definition) OVERRIDING SYSTEM VALUE VALUES
    (1, 'Pass holders', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}'),
    (2, 'Everyone', '{"match": "any", "conditions": [
        {"type": "item_purchase", "items": [1]},
        {"type": "item_purchase", "items": [1], "negate": true}]}');
-- Cleo is deleted: she leaves Everyone, a change that belongs to no run.
DELETE FROM segments.customer WHERE customer_id = 3;

SELECT segment_id, count(*) AS members FROM segments.segment_member GROUP BY 1 ORDER BY 1;
SELECT segment_id, recalculation_id IS NULL AS without_run, change, count(*)
FROM segments.membership_change GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;

-- Deleting Everyone removes its two members and all three of its changes,
-- Cleo's leave included; Pass holders keeps its own.
DELETE FROM segments.segment WHERE segment_id = 2;
SELECT segment_id, count(*) AS members FROM segments.segment_member GROUP BY 1 ORDER BY 1;
SELECT segment_id, recalculation_id IS NULL AS without_run, change, count(*)
FROM segments.membership_change GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
SELECT count(*) AS runs_of_everyone FROM segments.recalculation WHERE segment_id = 2;

-- Deleting the run that made Ada and Ben join removes those two changes; the
-- members stay, because they are the segment's current state.
DELETE FROM segments.recalculation WHERE segment_id = 1;
SELECT count(*) AS changes FROM segments.membership_change;
SELECT customer_id FROM segments.segment_members(1);

-- A second run records no change (no member joined or left), then TRUNCATE
-- empties members and history.
CALL segments.recalculate(1, '2026-02-01 00:00+00');
SELECT member_count, joined_count, left_count FROM segments.recalculation WHERE segment_id = 1;
TRUNCATE segments.segment CASCADE;
SELECT (SELECT count(*) FROM segments.segment_member) AS members,
       (SELECT count(*) FROM segments.membership_change) AS changes,
       (SELECT count(*) FROM segments.recalculation) AS runs;
