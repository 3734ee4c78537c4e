-- Normalization of segment definitions: defaults filled in, id lists sorted
-- without duplicates, repeated strings dropped and integral numbers written as
-- integers, so that definitions with equal meanings are stored as equal jsonb.
-- (jsonb prints object keys shorter first, whatever order they were written in.)
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
\pset format unaligned

INSERT INTO segments.item (item_id, name, kind)
VALUES (1, 'City Pass', 'pass'), (2, 'Trail Pass', 'pass'), (3, 'Museum Ticket', 'product'),
       (4, 'Free Coffee', 'prize');
INSERT INTO segments.custom_field (name, data_type)
VALUES ('favourite_activity', 'text'), ('age', 'number'), ('signup_date', 'date'),
       ('newsletter', 'boolean');
INSERT INTO segments.segment (name, definition)
VALUES ('Pass holders', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1, 2]}]}');

-- One condition of each kind, with its defaults filled in.
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "item_purchase", "items": [3, 1, 3]}]}') AS item_purchase;
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "item_purchase", "items": [4], "status": "active", "days_since_purchase": {"less_than": 30.0}, "purchased_between": ["2024-01-01", "2024-06-30"], "negate": true}]}') AS item_purchase_full;
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 1, "count": {"exactly": 0}}]}') AS pass_redemptions;
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 2, "pass_status": "active", "count": {"between": [1, 5]}, "kind": "check_in", "within_days": 30}]}') AS pass_redemptions_full;
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_points", "pass": 1, "points": {"at_least": -20}}]}') AS pass_points;
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_expiration", "pass": 2, "days_until_expiration": {"at_most": 7}}]}') AS pass_expiration;
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "favourite_activity", "operator": "equals", "value": "hiking"}]}') AS custom_field_text;
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "age", "operator": "in", "values": [18, 21.5, 18, 12345678901234567890.123456789]}]}') AS custom_field_number;
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "newsletter", "operator": "is_set"}]}') AS custom_field_boolean;
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "signup_date", "operator": "between", "values": ["2024-01-01", "2024-03-31"]}]}') AS custom_field_date;
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "promotion_used"}]}') AS promotion_any_code;
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "promotion_used", "codes": ["SUMMER", "summer", "SUMMER"], "items": [3, 1, 3]}]}') AS promotion_used;
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "location", "country": ["FR", "BE", "FR"]}]}') AS location_list;
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "location", "within": {"latitude": 48.8566, "longitude": 2.3522, "radius_km": 2.5e1}}]}') AS location_within;
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "in_segment", "segment": 1}]}') AS in_segment;

-- Groups get "negate" too; the root never does.
SELECT segments.validate_definition('{"match": "any", "conditions": [{"match": "all", "negate": true, "conditions": [{"type": "in_segment", "segment": 1}, {"type": "location", "city": ["Lyon"]}]}, {"type": "promotion_used"}]}') AS groups;

-- Equal meanings give equal jsonb.
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "item_purchase", "items": [3, 1, 1], "status": "any", "negate": false}]}')
     = segments.validate_definition('{"conditions": [{"items": [1, 3], "type": "item_purchase"}], "match": "all"}') AS same_meaning;
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_points", "pass": 1, "points": {"exactly": 5}}]}')
     = segments.validate_definition('{"match": "all", "conditions": [{"type": "pass_points", "pass": 1.0, "points": {"exactly": 50e-1}, "pass_status": "any"}]}') AS same_numbers;

-- Normalizing a normalized definition changes nothing.
WITH normalized AS (
    SELECT segments.validate_definition('{"match": "any", "conditions": [{"type": "item_purchase", "items": [3, 1], "days_since_purchase": {"at_least": 1}}, {"match": "all", "negate": true, "conditions": [{"type": "custom_field", "field": "age", "operator": "between", "values": [1.50, 20]}, {"type": "location", "region": ["Bretagne", "Bretagne"]}]}, {"type": "pass_redemptions", "pass": 1, "count": {"greater_than": 5}, "within_days": 7}]}') AS once
)
SELECT segments.validate_definition(once) = once AS stable FROM normalized;

-- The segment table stores the normalized form.
INSERT INTO segments.segment (name, definition)
VALUES ('Trail regulars', '{"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 2, "count": {"at_least": 3.0}, "kind": "check_in"}]}');
SELECT definition AS inserted FROM segments.segment WHERE name = 'Trail regulars';
UPDATE segments.segment
SET definition = '{"conditions": [{"kind": "check_in", "count": {"at_least": 3}, "pass": 2, "type": "pass_redemptions", "pass_status": "any", "negate": false}], "match": "all"}'
WHERE name = 'Trail regulars';
SELECT definition AS updated FROM segments.segment WHERE name = 'Trail regulars';
