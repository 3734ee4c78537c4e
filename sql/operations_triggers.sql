-- Recalculation on create and on change: the INSERT and UPDATE triggers
-- calculate membership in the writing transaction, in dependency order, and
-- a failed recalculation makes the write fail.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
SET timezone = 'UTC';
SET datestyle = 'ISO';
\set SHOW_CONTEXT never

INSERT INTO segments.item (item_id, name, kind) VALUES
    (1, 'City Pass', 'pass'),
    (2, 'Trail Pass', 'pass'),
    (3, 'Museum ticket', 'product');
INSERT INTO segments.customer (customer_id, first_name, created_at) VALUES
    (1, 'Ada', '2025-01-01 00:00+00'),
    (2, 'Ben', '2025-01-01 00:00+00'),
    (3, 'Cleo', '2025-01-01 00:00+00'),
    (4, 'Dan', '2025-01-01 00:00+00');
-- Ada: City Pass. Ben: City Pass and Trail Pass. Cleo: Trail Pass. Dan: a museum ticket.
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at) VALUES
    (1, 1, '2025-03-01 10:00+00'),
    (2, 1, '2025-03-02 10:00+00'),
    (2, 2, '2025-03-02 10:00+00'),
    (3, 2, '2025-03-03 10:00+00'),
    (4, 3, '2025-03-04 10:00+00');

-- create_segment stores the segment and its members at once.
SELECT segments.create_segment('City pass holders',
    '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}',
    'Bought the City Pass') AS city \gset
SELECT name, description, timezone, member_count, last_outcome, last_error
FROM segments.segment WHERE segment_id = :city;
SELECT customer_id FROM segments.segment_members(:city);

-- So does a plain INSERT.
INSERT INTO segments.segment (name, definition, timezone)
VALUES ('Trail pass holders',
        '{"match": "all", "conditions": [{"type": "item_purchase", "items": [2]}]}',
        'Europe/Vienna')
RETURNING segment_id AS trail \gset
SELECT name, timezone, member_count, last_outcome FROM segments.segment WHERE segment_id = :trail;
SELECT customer_id FROM segments.segment_members(:trail);

-- Several segments in one INSERT are all calculated; the second reads the
-- first two segments' stored members.
INSERT INTO segments.segment (name, definition) VALUES
    ('Museum visitors', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [3]}]}'),
    ('City and trail pass holders',
     format('{"match": "all", "conditions": [{"type": "in_segment", "segment": %s}, {"type": "in_segment", "segment": %s}]}',
            :city, :trail)::jsonb);
SELECT segment_id AS museum FROM segments.segment WHERE name = 'Museum visitors' \gset
SELECT segment_id AS both_passes FROM segments.segment WHERE name = 'City and trail pass holders' \gset
SELECT name, member_count FROM segments.segment ORDER BY segment_id;
SELECT customer_id FROM segments.segment_members(:both_passes);

-- The run log: one create run per segment, as of the creating transaction's time.
SELECT s.name, r.trigger, r.member_count, r.joined_count, r.left_count, r.outcome, r.error
FROM segments.recalculation AS r JOIN segments.segment AS s USING (segment_id)
ORDER BY r.recalculation_id;
SELECT bool_and(r.as_of <= r.started_at) AS as_of_is_transaction_start,
       bool_and(s.last_as_of = r.as_of AND s.last_calculated_at = r.started_at
                AND s.last_duration = r.duration) AS segment_shows_last_run
FROM segments.recalculation AS r JOIN segments.segment AS s USING (segment_id);

-- Changing only the name or the description does not recalculate.
UPDATE segments.segment SET name = 'City Pass holders', description = 'Holders of the City Pass'
WHERE segment_id = :city;
-- Nor does a definition that normalizes to the stored one (duplicate item, default status left out).
UPDATE segments.segment
SET definition = '{"conditions": [{"items": [1, 1], "type": "item_purchase"}], "match": "all"}'
WHERE segment_id = :city;
SELECT definition FROM segments.segment WHERE segment_id = :city;
SELECT count(*) AS city_runs FROM segments.recalculation WHERE segment_id = :city;

-- Changing the time zone recalculates.
UPDATE segments.segment SET timezone = 'America/New_York' WHERE segment_id = :city;
-- Changing the definition recalculates: museum visitors join.
UPDATE segments.segment
SET definition = '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1, 3]}]}'
WHERE segment_id = :city;
SELECT trigger, member_count, joined_count, left_count, outcome
FROM segments.recalculation WHERE segment_id = :city ORDER BY recalculation_id;
SELECT customer_id FROM segments.segment_members(:city);

-- An UPDATE of several segments recalculates each after the segments it reads,
-- whatever their ids. "City and trail pass holders" is changed to read a newer
-- segment, so its id comes before a segment it reads.
SELECT segments.create_segment('Trail pass or museum',
    '{"match": "all", "conditions": [{"type": "item_purchase", "items": [2, 3]}]}') AS trail_or_museum \gset
UPDATE segments.segment
SET definition = format('{"match": "all", "conditions": [{"type": "in_segment", "segment": %s}, {"type": "in_segment", "segment": %s}]}',
                        :trail_or_museum, :city)::jsonb
WHERE segment_id = :both_passes;
SELECT customer_id FROM segments.segment_members(:both_passes);
-- Ada buys the Trail Pass: she joins "Trail pass or museum" when it is
-- recalculated, and "City and trail pass holders" only if that runs after it.
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at)
VALUES (1, 2, '2025-04-01 10:00+00');
SELECT max(recalculation_id) AS before_update FROM segments.recalculation \gset
UPDATE segments.segment SET timezone = 'Europe/Berlin'
WHERE segment_id IN (:city, :both_passes, :trail_or_museum);
SELECT s.name, r.trigger, r.member_count, r.joined_count, r.left_count
FROM segments.recalculation AS r JOIN segments.segment AS s USING (segment_id)
WHERE r.recalculation_id > :before_update
ORDER BY r.recalculation_id;
SELECT customer_id FROM segments.segment_members(:both_passes);

-- A recalculation that fails makes the INSERT or UPDATE fail, and nothing of
-- it is stored. To make storing members fail, this test puts a trigger on
-- segment_member that raises.
CREATE FUNCTION public.reject_new_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'could not store new members (test failure)' USING ERRCODE = 'disk_full';
END
$$;
CREATE TRIGGER reject_new_members BEFORE INSERT ON segments.segment_member
    FOR EACH ROW EXECUTE FUNCTION public.reject_new_members();
SELECT count(*) AS runs_before FROM segments.recalculation \gset

SELECT segments.create_segment('Everyone with a pass',
    '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1, 2]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS stored FROM segments.segment WHERE name = 'Everyone with a pass';

UPDATE segments.segment
SET definition = '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}'
WHERE segment_id = :museum;
\echo :LAST_ERROR_SQLSTATE
SELECT definition, member_count, last_outcome FROM segments.segment WHERE segment_id = :museum;
SELECT customer_id FROM segments.segment_members(:museum);
SELECT count(*) - :runs_before AS new_runs FROM segments.recalculation;

-- A rename still works: it does not recalculate.
UPDATE segments.segment SET name = 'Museum ticket buyers' WHERE segment_id = :museum;
SELECT name FROM segments.segment WHERE segment_id = :museum;
DROP TRIGGER reject_new_members ON segments.segment_member;
DROP FUNCTION public.reject_new_members();

-- create_segment checks the time zone like an INSERT does.
SELECT segments.create_segment('Wrong zone',
    '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}', NULL, 'Mars/Olympus');
\echo :LAST_ERROR_SQLSTATE
