-- Validation of segment definitions: each rejection with its exact message,
-- hint and SQLSTATE, through segments.validate_definition and through the
-- trigger on segments.segment, which stores nothing when it rejects.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
\set SHOW_CONTEXT never
\pset format unaligned

INSERT INTO segments.item (item_id, name, kind)
VALUES (1, 'City Pass', 'pass'), (2, 'Museum Ticket', 'product'), (3, 'Free Coffee', 'prize');
INSERT INTO segments.custom_field (name, data_type)
VALUES ('favourite_activity', 'text'), ('age', 'number'), ('signup_date', 'date'),
       ('newsletter', 'boolean');

-- The root and groups.
SELECT segments.validate_definition('[]');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "in_segment", "segment": 1}], "name": "x"}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "negate": true, "conditions": [{"type": "in_segment", "segment": 1}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "every", "conditions": [{"type": "in_segment", "segment": 1}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": []}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"items": [1]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"match": "any"}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "in_segment", "segment": 1, "negate": "yes"}]}');
\echo :LAST_ERROR_SQLSTATE

-- Limits: 101 nodes in a group, groups 9 deep, 10,000 nested arrays, 10 MB.
SELECT segments.validate_definition(jsonb_build_object('match', 'all', 'conditions',
    (SELECT jsonb_agg('{"type": "in_segment", "segment": 1}'::jsonb) FROM generate_series(1, 101))));
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition(('{"match": "all", "conditions": ['
    || repeat('{"match": "any", "conditions": [', 8) || '{"type": "in_segment", "segment": 1}'
    || repeat(']}', 8) || ']}')::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition((repeat('[', 10000) || repeat(']', 10000))::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition(jsonb_build_object('match', 'all', 'conditions',
    jsonb_build_array(jsonb_build_object('type', 'promotion_used', 'codes',
        (SELECT jsonb_agg(repeat('x', 1000)) FROM generate_series(1, 10000))))));
\echo :LAST_ERROR_SQLSTATE

-- Conditions: types, keys and values.
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "purchase", "items": [1]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "colour": "red"}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 1}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "item_purchase", "items": []}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1, "7"]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "status": "inactive"}]}');
\echo :LAST_ERROR_SQLSTATE

-- Comparators.
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}, {"type": "pass_redemptions", "pass": 1, "count": 5}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 1, "count": {"more_than": 5}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 1, "count": {"at_least": 2, "at_most": 5}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 1, "count": {"at_least": -1}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 1, "count": {"exactly": 5.5}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_points", "pass": 1, "points": {"exactly": 1e30}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 1, "count": {"between": [10, 5]}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 1, "count": {"exactly": 1}, "kind": "checkin"}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 1, "count": {"exactly": 1}, "within_days": 0}]}');
\echo :LAST_ERROR_SQLSTATE

-- Dates.
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "purchased_between": ["2023-02-29", "2023-03-31"]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "purchased_between": ["2024-01-01", "2024-13-01"]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "purchased_between": ["2024-1-5", "2024-02-01"]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "purchased_between": ["2024-05-01", "2024-04-30"]}]}');
\echo :LAST_ERROR_SQLSTATE

-- Custom field shapes, checked before the field is looked up.
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "age", "operator": "like", "value": 5}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "age", "operator": "is_set", "value": 5}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "age", "operator": "in", "value": 5}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "age", "operator": "equals", "values": [5, 6]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "favourite_activity", "operator": "equals", "value": "  "}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "age", "operator": "equals", "value": null}]}');
\echo :LAST_ERROR_SQLSTATE

-- Promotions, locations and long strings.
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "promotion_used", "codes": ["SUMMER", ""]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "location", "country": ["FR"], "city": ["Paris"]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "location", "country": []}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "location", "within": {"latitude": 91, "longitude": 2.35, "radius_km": 10}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "location", "within": {"latitude": 48.85, "longitude": 2.35, "radius_km": 0}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition(jsonb_build_object('match', 'all', 'conditions',
    jsonb_build_array(jsonb_build_object('type', 'location', 'city', jsonb_build_array(repeat('é', 1001))))));
\echo :LAST_ERROR_SQLSTATE

-- References: items, custom fields and their types.
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "item_purchase", "items": [42, 1]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_points", "pass": 3, "points": {"at_least": 10}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_expiration", "pass": 9, "days_until_expiration": {"at_most": 7}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "any", "conditions": [{"type": "item_purchase", "items": [1]}, {"type": "item_purchase", "items": [2]}, {"type": "item_purchase", "items": [3]}, {"type": "custom_field", "field": "favorite_activity", "operator": "equals", "value": "hiking"}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "age", "operator": "contains", "value": 3}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "newsletter", "operator": "in", "values": [true]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "favourite_activity", "operator": "greater_than", "value": "m"}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "age", "operator": "equals", "value": "30"}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "favourite_activity", "operator": "in", "values": ["hiking", 3]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "signup_date", "operator": "at_least", "value": "2024-02-30"}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "newsletter", "operator": "equals", "value": "yes"}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "age", "operator": "between", "values": [65, 18]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "signup_date", "operator": "between", "values": ["2024-06-01", "2024-01-01"]}]}');
\echo :LAST_ERROR_SQLSTATE

-- Segments: missing ones and cycles. Segment 3 reads 2, which reads 1.
INSERT INTO segments.segment (name, definition)
VALUES ('Pass holders', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}');
INSERT INTO segments.segment (name, definition)
VALUES ('Engaged', '{"match": "all", "conditions": [{"type": "in_segment", "segment": 1}]}');
INSERT INTO segments.segment (name, definition)
VALUES ('Loyal', '{"match": "all", "conditions": [{"type": "in_segment", "segment": 2}]}');
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "in_segment", "segment": 99}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "in_segment", "segment": 2}]}', 1);
\echo :LAST_ERROR_SQLSTATE
UPDATE segments.segment
SET definition = '{"match": "any", "conditions": [{"type": "item_purchase", "items": [1]}, {"match": "all", "conditions": [{"type": "in_segment", "segment": 3}]}]}'
WHERE segment_id = 1;
\echo :LAST_ERROR_SQLSTATE
-- The next identity value is 4, so this segment would read itself.
INSERT INTO segments.segment (name, definition)
VALUES ('Self', '{"match": "all", "conditions": [{"type": "in_segment", "segment": 4}]}');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO segments.segment (name, definition)
VALUES ('Broken', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [42]}]}');
\echo :LAST_ERROR_SQLSTATE
-- Nothing of the rejected writes was stored.
SELECT segment_id, name, definition FROM segments.segment ORDER BY segment_id;

-- A cycle saved before the check existed (the trigger off): the graph walk
-- still ends, and only a reference that closes a cycle through the segment
-- being saved is rejected.
ALTER TABLE segments.segment DISABLE TRIGGER segment_before_write;
ALTER TABLE segments.segment DISABLE TRIGGER segment_after_insert;
INSERT INTO segments.segment (name, definition)
VALUES ('Old A', '{"match": "all", "conditions": [{"type": "in_segment", "segment": 7}]}'),
       ('Old B', '{"match": "all", "conditions": [{"type": "in_segment", "segment": 6}]}');
ALTER TABLE segments.segment ENABLE TRIGGER segment_after_insert;
ALTER TABLE segments.segment ENABLE TRIGGER segment_before_write;
SELECT segment_id, name FROM segments.segment WHERE name LIKE 'Old %' ORDER BY segment_id;
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "in_segment", "segment": 6}]}');
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "in_segment", "segment": 7}]}', 3);
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "in_segment", "segment": 7}]}', 6);
\echo :LAST_ERROR_SQLSTATE

-- A NULL definition gives NULL, and the table's NOT NULL constraint rejects it there.
SELECT segments.validate_definition(NULL) IS NULL AS is_null;

-- The session is still usable after all of these errors.
SELECT segments.validate_definition('{"match": "any", "conditions": [{"type": "in_segment", "segment": 1, "negate": true}]}') AS usable;
