-- Referential safety: an item, custom field or segment that a definition
-- refers to cannot be deleted or changed under it (SQLSTATE 23503, naming the
-- segments); delete_segment(..., cascade => true) and rename_custom_field are
-- the explicit ways through.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
\set SHOW_CONTEXT never
INSERT INTO segments.item (item_id, name, kind) VALUES
    (1, 'City Pass', 'pass'),
    (2, 'Museum ticket', 'product'),
    (3, 'Old pass', 'pass');
INSERT INTO segments.custom_field (field_id, name, data_type) VALUES
    (1, 'favourite trail', 'text'),
    (2, 'age', 'number');
SELECT segments.create_segment('City pass expiring',
    '{"match": "all", "conditions": [{"type": "pass_expiration", "pass": 1, "days_until_expiration": {"at_most": 30}}]}') AS expiring \gset
SELECT segments.create_segment('City pass or museum',
    '{"match": "any", "conditions": [{"type": "item_purchase", "items": [1, 2]}]}') AS city_or_museum \gset
SELECT segments.create_segment('Museum visitors',
    '{"match": "all", "conditions": [{"type": "item_purchase", "items": [2]}]}') AS museum \gset
SELECT segments.create_segment('Hikers',
    '{"match": "all", "conditions": [{"type": "custom_field", "field": "favourite trail", "operator": "equals", "value": "hiking"}]}') AS hikers \gset
SELECT segments.create_segment('Hiking museum visitors',
    format('{"match": "all", "conditions": [{"type": "in_segment", "segment": %s}, {"type": "in_segment", "segment": %s}]}', :museum, :hikers)::jsonb) AS hiking_museum \gset
SELECT segments.create_segment('Not hiking museum visitors',
    format('{"match": "all", "conditions": [{"type": "in_segment", "segment": %s, "negate": true}]}', :hiking_museum)::jsonb) AS not_hiking_museum \gset
-- What each definition refers to.
SELECT segment_id, reference_kind, referenced_id, referenced_name
FROM segments.segment_reference ORDER BY segment_id, reference_kind, referenced_id;
-- Items: what nothing refers to can go; the rest is rejected, naming the segments.
DELETE FROM segments.item WHERE item_id = 3;
DELETE FROM segments.item WHERE item_id = 1;
\echo :LAST_ERROR_SQLSTATE
DELETE FROM segments.item WHERE item_id = 2;
UPDATE segments.item SET item_id = 20 WHERE item_id = 2;
UPDATE segments.item SET kind = 'product' WHERE item_id = 1;
-- A product may become a prize: item_purchase takes any kind.
UPDATE segments.item SET kind = 'prize' WHERE item_id = 2;
SELECT item_id, name, kind FROM segments.item ORDER BY item_id;
-- Custom fields are referred to by name: deleting, renaming and changing the
-- data type are rejected; a field nothing refers to can go.
DELETE FROM segments.custom_field WHERE name = 'age';
DELETE FROM segments.custom_field WHERE name = 'favourite trail';
UPDATE segments.custom_field SET name = 'preferred trail' WHERE name = 'favourite trail';
UPDATE segments.custom_field SET data_type = 'number' WHERE name = 'favourite trail';
-- rename_custom_field renames the field and the definitions together; the
-- changed definition is recalculated (trigger update).
SELECT * FROM segments.rename_custom_field('favourite trail', 'preferred trail') AS changed(segment_id);
SELECT definition FROM segments.segment WHERE segment_id = :hikers;
SELECT trigger, outcome FROM segments.recalculation WHERE segment_id = :hikers ORDER BY recalculation_id;
SELECT * FROM segments.rename_custom_field('favourite trail', 'trail');
\echo :LAST_ERROR_SQLSTATE
-- TRUNCATE is rejected too while definitions refer to rows.
TRUNCATE segments.custom_field CASCADE;
\echo :LAST_ERROR_SQLSTATE
-- Segments: a segment that another one reads cannot be deleted alone.
DELETE FROM segments.segment WHERE segment_id = :hikers;
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM segments.delete_segment(:hikers);
-- Deleting a segment nothing reads works either way.
SELECT * FROM segments.delete_segment(:not_hiking_museum);
-- With cascade => true the segments that read it, directly or not, go too.
SELECT segments.create_segment('Not hiking museum visitors',
    format('{"match": "all", "conditions": [{"type": "in_segment", "segment": %s, "negate": true}]}', :hiking_museum)::jsonb) AS not_hiking_museum \gset
SELECT * FROM segments.delete_segment(:hikers, cascade => true) AS deleted(segment_id);
SELECT name FROM segments.segment ORDER BY segment_id;
SELECT * FROM segments.delete_segment(999);
\echo :LAST_ERROR_SQLSTATE
-- Deferred, the check runs at commit, so a transaction may delete first and
-- fix the definitions afterwards.
BEGIN;
SET CONSTRAINTS segments.item_reference_check DEFERRED;
DELETE FROM segments.item WHERE item_id = 2;
UPDATE segments.segment
SET definition = '{"match": "any", "conditions": [{"type": "item_purchase", "items": [1]}]}'
WHERE segment_id = :city_or_museum;
DELETE FROM segments.segment WHERE segment_id = :museum;
COMMIT;
SELECT item_id FROM segments.item ORDER BY item_id;
SELECT name FROM segments.segment ORDER BY segment_id;
-- At commit, a definition still referring to a deleted item fails the commit.
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
DELETE FROM segments.item WHERE item_id = 1;
COMMIT;
\echo :LAST_ERROR_SQLSTATE
SELECT item_id FROM segments.item ORDER BY item_id;
