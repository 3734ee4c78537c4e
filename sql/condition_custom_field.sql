-- custom_field: answers compared by the field's type. Text ignores case and
-- surrounding whitespace; blank answers are no answer; malformed numbers,
-- dates and booleans count as not set and never raise; the not_ operators
-- and is_not_set also match customers with no answer.
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
-- Members at 2026-03-10 12:00 UTC of one custom_field condition.
CREATE FUNCTION pg_temp.answered(condition text) RETURNS text LANGUAGE sql
AS $$
    SELECT pg_temp.members(('{"match": "all", "conditions": [{"type": "custom_field", ' || condition || '}]}')::jsonb,
                           'UTC', '2026-03-10 12:00+00')
$$;

INSERT INTO segments.custom_field (field_id, name, data_type) VALUES
    (1, 'activity', 'text'),
    (2, 'age', 'number'),
    (3, 'birthday', 'date'),
    (4, 'newsletter', 'boolean'),
    (5, 'nickname', 'text');
INSERT INTO segments.customer (customer_id, created_at)
SELECT id, '2025-01-01 00:00+00' FROM generate_series(1, 12) AS id;
-- 13 signed up after as_of: in no segment, not even a not_equals one.
INSERT INTO segments.customer (customer_id, created_at) VALUES (13, '2026-03-11 00:00+00');

INSERT INTO segments.custom_field_value (customer_id, field_id, value) VALUES
    (1, 1, 'Hiking'),
    (2, 1, E'  hiking\t\n'),
    (3, 1, 'HIKING and biking'),
    (4, 1, 'biking'),
    (5, 1, ''),                     -- blank: no answer
    (6, 1, E' \t '),                -- whitespace only: no answer
    (8, 1, NULL),                   -- a row without a value: no answer
    (9, 1, 'Skiing'),
    (13, 1, 'hiking');
-- 7, 10, 11 and 12 never answered "activity".

-- expect: 1,2
SELECT pg_temp.answered('"field": "activity", "operator": "equals", "value": "hiking"');
-- The definition's value is trimmed and compared without case too.
-- expect: 1,2
SELECT pg_temp.answered('"field": "activity", "operator": "equals", "value": "  HIKING "');
-- Everyone else, answered or not; never 13.
-- expect: 3,4,5,6,7,8,9,10,11,12
SELECT pg_temp.answered('"field": "activity", "operator": "not_equals", "value": "Hiking"');
-- expect: 1,2,3,4
SELECT pg_temp.answered('"field": "activity", "operator": "contains", "value": "KING"');
-- expect: 4,5,6,7,8,9,10,11,12
SELECT pg_temp.answered('"field": "activity", "operator": "not_contains", "value": "hik"');
-- expect: 1,2,3
SELECT pg_temp.answered('"field": "activity", "operator": "starts_with", "value": "Hik"');
-- expect: 3,4
SELECT pg_temp.answered('"field": "activity", "operator": "ends_with", "value": "biking "');
-- expect: 4,9
SELECT pg_temp.answered('"field": "activity", "operator": "in", "values": ["Skiing", " biking "]');
-- expect: 3,5,6,7,8,9,10,11,12
SELECT pg_temp.answered('"field": "activity", "operator": "not_in", "values": ["hiking", "biking"]');
-- expect: 1,2,3,4,9
SELECT pg_temp.answered('"field": "activity", "operator": "is_set"');
-- expect: 5,6,7,8,10,11,12
SELECT pg_temp.answered('"field": "activity", "operator": "is_not_set"');

-- '%', '_' and '\' in a value are plain characters, not LIKE patterns.
INSERT INTO segments.custom_field_value (customer_id, field_id, value) VALUES
    (10, 5, '100%_sure'),
    (11, 5, '100 percent'),
    (12, 5, 'back\slash');
-- expect: 10
SELECT pg_temp.answered('"field": "nickname", "operator": "contains", "value": "0%"');
-- expect: 10
SELECT pg_temp.answered('"field": "nickname", "operator": "contains", "value": "_"');
-- expect: 12
SELECT pg_temp.answered('"field": "nickname", "operator": "contains", "value": "\\"');
-- expect: 10
SELECT pg_temp.answered('"field": "nickname", "operator": "starts_with", "value": "100%"');
-- expect: 10
SELECT pg_temp.answered('"field": "nickname", "operator": "ends_with", "value": "_SURE"');
-- expect: none
SELECT pg_temp.answered('"field": "nickname", "operator": "starts_with", "value": "_"');
-- Values with the characters of array literals reach the server intact.
INSERT INTO segments.custom_field_value (customer_id, field_id, value) VALUES
    (1, 5, 'a"b'),
    (2, 5, '{x}'),
    (3, 5, 'c,d'),
    (4, 5, 'NULL');
-- expect: 1,2,3
SELECT pg_temp.answered('"field": "nickname", "operator": "in", "values": ["A\"B", "{X}", " c,d"]');
-- The word NULL is an answer like any other; unanswered customers are not in.
-- expect: 4
SELECT pg_temp.answered('"field": "nickname", "operator": "in", "values": ["null"]');
-- expect: 5,6,7,8,9,10,11,12
SELECT pg_temp.answered('"field": "nickname", "operator": "not_in", "values": ["A\"B", "{X}", "c,d", "NULL"]');

-- Numbers compare numerically, equals included.
INSERT INTO segments.custom_field_value (customer_id, field_id, value) VALUES
    (1, 2, '42'),
    (2, 2, ' 42.0 '),
    (3, 2, '7'),
    (4, 2, 'n/a'),                  -- not a number
    (5, 2, '1e2'),                  -- 100
    (6, 2, 'NaN'),                  -- not a number here
    (7, 2, '-3.5'),
    (8, 2, ''),
    (9, 2, 'Infinity'),             -- not a number here
    (10, 2, '1e99999'),             -- exponent beyond 1000: not a number
    (11, 2, repeat('9', 2000)),     -- longer than 1000 characters: not a number
    (12, 2, '0042');                -- 42
-- expect: 1,2,12
SELECT pg_temp.answered('"field": "age", "operator": "equals", "value": 42');
-- expect: 1,2,5,12
SELECT pg_temp.answered('"field": "age", "operator": "greater_than", "value": 41.5');
-- expect: 7
SELECT pg_temp.answered('"field": "age", "operator": "less_than", "value": 0');
-- expect: 1,2,3,12
SELECT pg_temp.answered('"field": "age", "operator": "between", "values": [7, 42]');
-- expect: 3,7
SELECT pg_temp.answered('"field": "age", "operator": "at_most", "value": 7');
-- expect: 5
SELECT pg_temp.answered('"field": "age", "operator": "at_least", "value": 100');
-- expect: 3,5
SELECT pg_temp.answered('"field": "age", "operator": "in", "values": [7, 100]');
-- Malformed and missing answers are not 42, so they are in.
-- expect: 3,4,5,6,7,8,9,10,11
SELECT pg_temp.answered('"field": "age", "operator": "not_equals", "value": 42');
-- expect: 1,2,3,5,7,12
SELECT pg_temp.answered('"field": "age", "operator": "is_set"');
-- expect: 4,6,8,9,10,11
SELECT pg_temp.answered('"field": "age", "operator": "is_not_set"');
-- The reader itself: NULL for every malformed value, never an error; numeric
-- output drops the leading zeros of 0042.
-- expect: 42||100||-3.5||42
SELECT string_agg(coalesce(segments.field_number(value)::text, ''), '|' ORDER BY customer_id)
FROM segments.custom_field_value WHERE field_id = 2 AND customer_id IN (1, 4, 5, 6, 7, 8, 12);

-- Dates are ISO YYYY-MM-DD; days that do not exist count as not set.
INSERT INTO segments.custom_field_value (customer_id, field_id, value) VALUES
    (1, 3, '1990-05-16'),
    (2, 3, ' 1990-05-16 '),
    (3, 3, '2023-02-30'),           -- no such day
    (4, 3, '2024-02-29'),           -- a leap day
    (5, 3, '16/05/1990'),           -- not ISO
    (6, 3, '1985-01-01');
-- expect: 1,2
SELECT pg_temp.answered('"field": "birthday", "operator": "equals", "value": "1990-05-16"');
-- expect: 1,2,6
SELECT pg_temp.answered('"field": "birthday", "operator": "between", "values": ["1985-01-01", "1990-12-31"]');
-- expect: 4
SELECT pg_temp.answered('"field": "birthday", "operator": "greater_than", "value": "2000-01-01"');
-- expect: 3,5,7,8,9,10,11,12
SELECT pg_temp.answered('"field": "birthday", "operator": "is_not_set"');
-- expect: 3,4,5,6,7,8,9,10,11,12
SELECT pg_temp.answered('"field": "birthday", "operator": "not_equals", "value": "1990-05-16"');

-- Booleans: true/false, yes/no, 1/0 in any case; anything else is neither.
INSERT INTO segments.custom_field_value (customer_id, field_id, value) VALUES
    (1, 4, 'true'),
    (2, 4, 'YES'),
    (3, 4, '1'),
    (4, 4, 'false'),
    (5, 4, 'No'),
    (6, 4, '0'),
    (7, 4, 'maybe'),
    (8, 4, E' True\n');
-- expect: 1,2,3,8
SELECT pg_temp.answered('"field": "newsletter", "operator": "equals", "value": true');
-- "maybe" is not false.
-- expect: 4,5,6
SELECT pg_temp.answered('"field": "newsletter", "operator": "equals", "value": false');
-- expect: 4,5,6,7,9,10,11,12
SELECT pg_temp.answered('"field": "newsletter", "operator": "not_equals", "value": true');
-- expect: 7,9,10,11,12
SELECT pg_temp.answered('"field": "newsletter", "operator": "is_not_set"');

-- Two conditions on the same field and a negated one.
-- expect: 1,2,12
SELECT pg_temp.members('{"match": "all", "conditions": [
    {"type": "custom_field", "field": "age", "operator": "at_least", "value": 42},
    {"type": "custom_field", "field": "age", "operator": "less_than", "value": 100}]}', 'UTC', '2026-03-10 12:00+00');
-- expect: 3,4,5,6,7,8,9,10,11,12
SELECT pg_temp.members('{"match": "all", "conditions": [
    {"type": "custom_field", "field": "activity", "operator": "equals", "value": "hiking", "negate": true}]}', 'UTC', '2026-03-10 12:00+00');
