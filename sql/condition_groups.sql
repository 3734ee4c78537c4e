-- Groups: "all" is intersection, "any" is union, negate is the complement
-- within every customer who existed at as_of, including customers with no
-- rows in any fact table. Each customer appears once; an empty result is a
-- result.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
\pset format unaligned
\pset tuples_only on

-- Members at 2026-03-10 12:00 UTC in customer_id order, and how many rows
-- evaluate returned, so a duplicate would show: "1,2,3 (3 rows)".
CREATE FUNCTION pg_temp.members(definition text) RETURNS text LANGUAGE sql
AS $$
    SELECT coalesce(string_agg(m::text, ',' ORDER BY m), 'none') || ' (' || count(*) || ' rows)'
    FROM segments.evaluate(definition::jsonb, 'UTC', '2026-03-10 12:00+00') AS m
$$;

INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City Pass', 'pass'), (2, 'Museum Ticket', 'product');
INSERT INTO segments.customer (customer_id, created_at, country) VALUES
    (1, '2025-01-01 00:00+00', NULL),
    (2, '2025-01-01 00:00+00', NULL),
    (3, '2025-01-01 00:00+00', NULL),
    (4, '2025-01-01 00:00+00', NULL),      -- no rows anywhere
    (5, '2026-03-11 00:00+00', 'US'),      -- created after as_of
    (6, '2025-01-01 00:00+00', 'US');
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at, status) VALUES
    (1, 1, '2026-01-05 12:00+00', 'active'),
    (1, 2, '2026-01-05 12:00+00', 'active'),
    (1, 2, '2026-01-06 12:00+00', 'active'),   -- 1 bought item 2 twice
    (2, 1, '2026-01-05 12:00+00', 'active'),
    (3, 2, '2026-01-05 12:00+00', 'active'),
    (5, 1, '2026-01-05 12:00+00', 'active'),
    (5, 2, '2026-01-05 12:00+00', 'active');

-- expect: 1 (1 rows)
SELECT pg_temp.members('{"match": "all", "conditions": [
    {"type": "item_purchase", "items": [1]},
    {"type": "item_purchase", "items": [2]}]}');
-- 1 matches both and appears once.
-- expect: 1,2,3 (3 rows)
SELECT pg_temp.members('{"match": "any", "conditions": [
    {"type": "item_purchase", "items": [1]},
    {"type": "item_purchase", "items": [2]}]}');
-- expect: 2 (1 rows)
SELECT pg_temp.members('{"match": "all", "conditions": [
    {"type": "item_purchase", "items": [1]},
    {"type": "item_purchase", "items": [2], "negate": true}]}');
-- The complement of a union: customers with no rows (4) and 6; never 5.
-- expect: 4,6 (2 rows)
SELECT pg_temp.members('{"match": "all", "conditions": [
    {"match": "any", "negate": true, "conditions": [
        {"type": "item_purchase", "items": [1]},
        {"type": "item_purchase", "items": [2]}]}]}');
-- A condition and its negation: an empty result.
-- expect: none (0 rows)
SELECT pg_temp.members('{"match": "all", "conditions": [
    {"type": "item_purchase", "items": [1]},
    {"type": "item_purchase", "items": [1], "negate": true}]}');
-- A condition or its negation: everyone who existed at as_of.
-- expect: 1,2,3,4,6 (5 rows)
SELECT pg_temp.members('{"match": "any", "conditions": [
    {"type": "item_purchase", "items": [1]},
    {"type": "item_purchase", "items": [1], "negate": true}]}');
-- expect: 3,4,6 (3 rows)
SELECT pg_temp.members('{"match": "any", "conditions": [
    {"type": "item_purchase", "items": [1], "negate": true}]}');
-- Nested: bought both, or bought no pass and lives in the US.
-- expect: 1,6 (2 rows)
SELECT pg_temp.members('{"match": "any", "conditions": [
    {"match": "all", "conditions": [
        {"type": "item_purchase", "items": [1]},
        {"type": "item_purchase", "items": [2]}]},
    {"match": "all", "conditions": [
        {"type": "item_purchase", "items": [1], "negate": true},
        {"type": "location", "country": ["us"]}]}]}');
-- A NULL country is not "US", so the negation keeps 1 to 4.
-- expect: 1,2,3,4 (4 rows)
SELECT pg_temp.members('{"match": "all", "conditions": [
    {"type": "location", "country": ["US"], "negate": true}]}');
-- The same through a negated group of one.
-- expect: 1,2,3,4 (4 rows)
SELECT pg_temp.members('{"match": "all", "conditions": [
    {"match": "all", "negate": true, "conditions": [{"type": "location", "country": ["US"]}]}]}');
-- Double negation is the condition itself.
-- expect: 1,2 (2 rows)
SELECT pg_temp.members('{"match": "all", "conditions": [
    {"match": "all", "negate": true, "conditions": [
        {"type": "item_purchase", "items": [1], "negate": true}]}]}');
-- Groups nested 8 deep, the format's limit, with a negation at two levels.
-- expect: 1,2 (2 rows)
SELECT pg_temp.members('{"match": "all", "conditions": [
 {"match": "any", "conditions": [
  {"match": "all", "negate": true, "conditions": [
   {"match": "any", "conditions": [
    {"match": "all", "conditions": [
     {"match": "any", "conditions": [
      {"match": "all", "negate": true, "conditions": [
       {"type": "item_purchase", "items": [1]}]}]}]}]}]}]}]}');
-- De Morgan: not (1 or 2) equals (not 1) and (not 2).
-- expect: 4,6 (2 rows)
SELECT pg_temp.members('{"match": "all", "conditions": [
    {"type": "item_purchase", "items": [1], "negate": true},
    {"type": "item_purchase", "items": [2], "negate": true}]}');
-- Different condition kinds in one group: nobody has custom field answers,
-- so is_not_set is true for everyone and not_equals too.
INSERT INTO segments.custom_field (field_id, name, data_type) VALUES (1, 'activity', 'text');
-- expect: 1,2 (2 rows)
SELECT pg_temp.members('{"match": "all", "conditions": [
    {"type": "item_purchase", "items": [1]},
    {"type": "custom_field", "field": "activity", "operator": "is_not_set"},
    {"type": "custom_field", "field": "activity", "operator": "not_equals", "value": "x"}]}');

-- Leaves on one table in an "any" group are evaluated as one EXISTS with
-- alternatives; the result is the union all the same. Only 1 bought item 2 on
-- Jan 6, nobody bought item 1 after Jan 5, nobody used a code.
-- expect: 1 (1 rows)
SELECT pg_temp.members('{"match": "any", "conditions": [
    {"type": "item_purchase", "items": [1], "purchased_between": ["2026-01-06", "2026-01-31"]},
    {"type": "item_purchase", "items": [2], "purchased_between": ["2026-01-06", "2026-01-06"]},
    {"type": "promotion_used"}]}');
INSERT INTO segments.custom_field (field_id, name, data_type) VALUES (2, 'sport', 'text');
INSERT INTO segments.custom_field_value (customer_id, field_id, value) VALUES
    (3, 1, 'Hiking'), (4, 2, 'yes'), (5, 1, 'hiking');
-- expect: 3,4 (2 rows)
SELECT pg_temp.members('{"match": "any", "conditions": [
    {"type": "custom_field", "field": "activity", "operator": "equals", "value": "hiking"},
    {"type": "custom_field", "field": "sport", "operator": "is_set"}]}');
-- The complement of that union.
-- expect: 1,2,6 (3 rows)
SELECT pg_temp.members('{"match": "all", "conditions": [{"match": "any", "negate": true, "conditions": [
    {"type": "custom_field", "field": "activity", "operator": "equals", "value": "hiking"},
    {"type": "custom_field", "field": "sport", "operator": "is_set"}]}]}');
-- explain_membership agrees with evaluate for every customer on a nested
-- definition, including 5, who did not exist at as_of.
INSERT INTO segments.segment (name, definition) VALUES ('Nested', '{"match": "any", "conditions": [
    {"match": "all", "conditions": [
        {"type": "item_purchase", "items": [1]},
        {"type": "item_purchase", "items": [2]}]},
    {"match": "all", "negate": true, "conditions": [
        {"type": "item_purchase", "items": [1], "negate": true},
        {"type": "location", "country": ["us"], "negate": true}]}]}')
RETURNING segment_id AS nested \gset
-- Members: 1 (both items), and everyone with a pass or in the US: 2, 6.
-- expect: 1|t|t
-- expect: 2|t|t
-- expect: 3|f|f
-- expect: 4|f|f
-- expect: 5|f|f
-- expect: 6|t|t
SELECT c.customer_id,
       (SELECT matched FROM segments.explain_membership(:nested, c.customer_id, '2026-03-10 12:00+00')
        WHERE path = '$'),
       c.customer_id IN (SELECT m FROM segments.evaluate(s.definition, s.timezone, '2026-03-10 12:00+00') AS m)
FROM segments.customer c, segments.segment s
WHERE s.segment_id = :nested
ORDER BY c.customer_id;
