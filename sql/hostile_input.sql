-- Hostile definitions and data: quotes, semicolons, $$, backslashes, LIKE
-- wildcards, array-literal syntax, NUL, very long strings and SQL fragments
-- in item names, promotion codes, custom field names and values, cities,
-- segment names and descriptions. Each gives the membership the documented
-- rules give, or a clean validation error, and nothing is ever executed: every
-- fragment calls public.hostile_canary(), which would leave a row behind.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
DROP TABLE IF EXISTS public.hostile_canary_calls;
DROP FUNCTION IF EXISTS public.hostile_canary();
RESET client_min_messages;
\set SHOW_CONTEXT never
\pset format unaligned
SET TimeZone = 'UTC';

CREATE TABLE public.hostile_canary_calls (called_at timestamptz);
CREATE FUNCTION public.hostile_canary() RETURNS void LANGUAGE sql
    AS $$ INSERT INTO public.hostile_canary_calls VALUES (now()) $$;

INSERT INTO segments.customer (customer_id, email, first_name, last_name, city, created_at) VALUES
    (1, '''; DROP TABLE segments.customer; --', 'Robert''); SELECT public.hostile_canary(); --', 'Tables',
     'O''Brien; --', '2026-01-01 00:00+00'),
    (2, 'b@example.com', '$$; SELECT public.hostile_canary(); $$', E'back\\slash', 'Zürich', '2026-01-01 00:00+00'),
    (3, 'c@example.com', 'Chidi', 'Anagonye', 'Lyon', '2026-01-01 00:00+00'),
    (4, 'd@example.com', 'Dana', 'Scully', '%', '2026-01-01 00:00+00'),
    (5, 'e@example.com', 'Eve', 'Moneypenny', '_', '2026-01-01 00:00+00'),
    (6, 'f@example.com', 'Finn', 'Mertens', NULL, '2026-01-01 00:00+00'),
    (7, 'g@example.com', 'Gus', 'Long', NULL, '2026-01-01 00:00+00');
INSERT INTO segments.item (item_id, name, kind) VALUES
    (1, 'City pass''; DROP TABLE segments.item; --', 'pass'),
    (2, '$$ $x$ \ ; SELECT public.hostile_canary();', 'prize');
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at, promotion_code) VALUES
    (1, 1, '2026-01-10 10:00+00', '''; DROP TABLE segments.acquisition; --'),
    (2, 1, '2026-01-10 10:00+00', '$$'),
    (3, 1, '2026-01-10 10:00+00', 'SUMMER%'),
    (4, 1, '2026-01-10 10:00+00', ' summer_ '),
    (5, 2, '2026-01-10 10:00+00', 'a\b'),
    (6, 1, '2026-01-10 10:00+00', NULL),
    (7, 1, '2026-01-10 10:00+00', repeat('x', 1000));
INSERT INTO segments.custom_field (field_id, name, data_type) VALUES
    (1, 'x'' OR ''1''=''1', 'text'),
    (2, '"; DROP TABLE segments.custom_field; --', 'text'),
    (3, '$$', 'text'),
    (4, 'a\b', 'text');
INSERT INTO segments.custom_field_value (customer_id, field_id, value) VALUES
    (1, 1, ''' OR ''1''=''1'),
    (2, 1, 'anything'),
    (1, 2, '100%'),
    (2, 2, '_under'),
    (3, 2, 'back\'),
    (4, 2, 'NULL'),
    (5, 2, 'a,b'),
    (6, 2, 'd"e'),
    (3, 3, '{c}'),
    (4, 3, '$$; SELECT public.hostile_canary(); $$'),
    (5, 4, '''); SELECT public.hostile_canary(); --');

CREATE TEMPORARY TABLE counts_before AS
SELECT 'customer' AS relation, count(*) AS row_count FROM segments.customer
UNION ALL SELECT 'item', count(*) FROM segments.item
UNION ALL SELECT 'acquisition', count(*) FROM segments.acquisition
UNION ALL SELECT 'custom_field', count(*) FROM segments.custom_field
UNION ALL SELECT 'custom_field_value', count(*) FROM segments.custom_field_value;

-- Members of a definition at 2026-02-01, as a sorted array.
CREATE FUNCTION pg_temp.members(definition text) RETURNS bigint[] LANGUAGE sql AS $$
    SELECT coalesce(array_agg(m ORDER BY m), '{}')
    FROM segments.evaluate(definition::jsonb, 'UTC', '2026-02-01 00:00+00') AS m
$$;

-- Promotion codes match the whole code, ignoring case and surrounding
-- whitespace; %, _ and \ are ordinary characters.
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "promotion_used", "codes": ["'; DROP TABLE segments.acquisition; --"]}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "promotion_used", "codes": ["$$"]}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "promotion_used", "codes": ["summer%"]}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "promotion_used", "codes": ["SUMMER_"]}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "promotion_used", "codes": ["%"]}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "promotion_used", "codes": ["_"]}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "promotion_used", "codes": ["a\\b"]}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "promotion_used", "codes": ["a\\b"], "items": [2]}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "promotion_used", "codes": ["a\\b"], "items": [1]}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "promotion_used", "codes": ["a\\\\b"]}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "promotion_used", "codes": ["$1"]}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "promotion_used", "codes": ["'); SELECT public.hostile_canary(); --"]}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "promotion_used"}]} $d$);
-- A code of 1000 characters, the longest a definition takes.
SELECT pg_temp.members(format('{"match": "all", "conditions": [{"type": "promotion_used", "codes": [%s]}]}',
                              to_json(repeat('X', 1000))));

-- Custom fields are found by name, whatever the name contains. Text
-- comparisons ignore case and surrounding whitespace; contains, starts_with
-- and ends_with take the value literally.
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "custom_field", "field": "x' OR '1'='1", "operator": "equals", "value": "' OR '1'='1"}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "custom_field", "field": "x' OR '1'='1", "operator": "is_set"}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "custom_field", "field": "\"; DROP TABLE segments.custom_field; --", "operator": "contains", "value": "%"}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "custom_field", "field": "\"; DROP TABLE segments.custom_field; --", "operator": "starts_with", "value": "_"}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "custom_field", "field": "\"; DROP TABLE segments.custom_field; --", "operator": "ends_with", "value": "\\"}]} $d$);
-- "in" values travel as one array parameter: NULL, commas, braces and
-- double quotes inside them stay text.
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "custom_field", "field": "\"; DROP TABLE segments.custom_field; --", "operator": "in", "values": ["NULL", "a,b", "d\"e", "{c}"]}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "custom_field", "field": "\"; DROP TABLE segments.custom_field; --", "operator": "not_equals", "value": "100%"}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "custom_field", "field": "$$", "operator": "equals", "value": "{c}"}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "custom_field", "field": "$$", "operator": "equals", "value": "$$; SELECT public.hostile_canary(); $$"}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "custom_field", "field": "a\\b", "operator": "contains", "value": "'); SELECT public.hostile_canary(); --"}]} $d$);

-- Cities compare ignoring case and surrounding whitespace, and literally.
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "location", "city": ["o'brien; --"]}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "location", "city": ["%"]}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "location", "city": ["_"]}]} $d$);
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "location", "city": ["Zürich", "'); SELECT public.hostile_canary(); --"]}]} $d$);

-- Segment names and descriptions are data: stored and shown as written.
INSERT INTO segments.segment (name, description, definition) VALUES
    ('''; DROP TABLE segments.segment; --', '$$ \ '' " ; SELECT public.hostile_canary();',
     $d$ {"match": "all", "conditions": [{"type": "promotion_used", "codes": ["$$"]}]} $d$),
    (repeat('Long name ', 1000), NULL,
     $d$ {"match": "any", "conditions": [{"type": "location", "city": ["%"]}, {"type": "in_segment", "segment": 1}]} $d$);
CALL segments.recalculate(1, '2026-02-01 00:00+00');
CALL segments.recalculate(2, '2026-02-01 00:00+00');
SELECT segment_id, left(segment_name, 40) AS name_start, length(segment_name) AS name_length, description,
       member_count
FROM segments.segment_summary ORDER BY segment_id;
SELECT segment_id, customer_id FROM segments.segment_membership ORDER BY segment_id, customer_id;

-- Hostile field names reach the export's SQL text only quoted (%L and %I).
SELECT * FROM segments.export_query(1) AS q \gset
SELECT e.customer_id, e."x' OR '1'='1", e."""; DROP TABLE segments.custom_field; --", e."$$", e."a\b"
FROM (:q) AS e;

-- Clean validation errors. Terse: the hints are the validator's own tests'.
\set VERBOSITY terse
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "item_purchase", "items": ["1; DROP TABLE segments.customer"]}]} $d$);
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "item_purchase; DROP TABLE segments.customer; --", "items": [1]}]} $d$);
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.members($d$ {"match": "all' OR '1'='1", "conditions": [{"type": "item_purchase", "items": [1]}]} $d$);
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "status; DROP TABLE segments.item": "any"}]} $d$);
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 1, "count": {"exactly": "0 OR 1=1"}}]} $d$);
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "custom_field", "field": "'; DROP TABLE segments.custom_field; --", "operator": "is_set"}]} $d$);
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.members($d$ {"match": "all", "conditions": [{"type": "custom_field", "field": "$$", "operator": "equals'; --", "value": "x"}]} $d$);
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.members(format('{"match": "all", "conditions": [{"type": "promotion_used", "codes": [%s]}]}',
                              to_json(repeat('x', 1001))));
\echo :LAST_ERROR_SQLSTATE
SELECT segments.evaluate($d$ {"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]} $d$,
                         'UTC''; DROP TABLE segments.segment; --');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO segments.segment (name, definition) VALUES
    ('Bad', '{}; DROP TABLE segments.segment; --');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO segments.segment (name, definition) VALUES
    ('   ', $d$ {"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]} $d$);
\echo :LAST_ERROR_SQLSTATE
-- More than 1 MB of definition: rejected before it is parsed.
SELECT pg_temp.members(format('{"match": "all", "conditions": [{"type": "promotion_used", "codes": [%s]}]}',
                              to_json(repeat('x', 2000000))));
\echo :LAST_ERROR_SQLSTATE
-- 10,000 nested arrays.
SELECT pg_temp.members(repeat('[', 10000) || repeat(']', 10000));
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default

-- NUL cannot reach a definition or a table: jsonb rejects \u0000 and text
-- cannot hold the character.
SELECT '{"codes": ["a\u0000b"]}'::jsonb;
\echo :LAST_ERROR_SQLSTATE
SELECT 'a' || chr(0) || 'b';
\echo :LAST_ERROR_SQLSTATE

-- Nothing was executed and nothing changed: the tables exist, the canary
-- was never called, and the data tables hold the rows they held.
SELECT to_regclass('segments.customer') IS NOT NULL AS customer,
       to_regclass('segments.item') IS NOT NULL AS item,
       to_regclass('segments.acquisition') IS NOT NULL AS acquisition,
       to_regclass('segments.custom_field') IS NOT NULL AS custom_field,
       to_regclass('segments.segment') IS NOT NULL AS segment;
SELECT count(*) AS canary_calls FROM public.hostile_canary_calls;
SELECT b.relation, b.row_count AS before, a.row_count AS after
FROM counts_before AS b
JOIN (SELECT 'customer' AS relation, count(*) AS row_count FROM segments.customer
      UNION ALL SELECT 'item', count(*) FROM segments.item
      UNION ALL SELECT 'acquisition', count(*) FROM segments.acquisition
      UNION ALL SELECT 'custom_field', count(*) FROM segments.custom_field
      UNION ALL SELECT 'custom_field_value', count(*) FROM segments.custom_field_value) AS a
    USING (relation)
ORDER BY b.relation;

DROP TABLE public.hostile_canary_calls;
DROP FUNCTION public.hostile_canary();
