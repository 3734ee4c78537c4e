-- Limits checked before a definition is read as text, and the database
-- encoding the extension needs.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
DROP DATABASE IF EXISTS segments_regress_latin1;
RESET client_min_messages;
\set SHOW_CONTEXT never

INSERT INTO segments.custom_field (field_id, name, data_type) VALUES (1, 'party size', 'number');

-- jsonb keeps 1e100000 in a few bytes but would print it with 100,001 digits:
-- such numbers are rejected before the definition is printed.
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "party size", "operator": "equals", "value": 1e100000}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.preview('{"match": "all", "conditions": [{"type": "custom_field", "field": "party size", "operator": "equals", "value": -1e1001}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "party size", "operator": "equals", "value": 1e-1001}]}');
\echo :LAST_ERROR_SQLSTATE
-- The bounds themselves, and zero, pass this check.
SELECT segments.validate_definition('{"match": "all", "conditions": [{"type": "custom_field", "field": "party size", "operator": "in", "values": [0, 1e-1000]}]}') IS NOT NULL AS accepted;

-- A jsonb of about 20 MB is rejected from its stored size, before it is
-- printed as text; the detail gives that size, so only the message is shown.
\set VERBOSITY terse
SELECT segments.validate_definition(jsonb_build_object('match', 'all', 'conditions',
    jsonb_build_array(jsonb_build_object('type', 'location', 'city',
        (SELECT jsonb_agg(repeat('x', 999) || n) FROM generate_series(1, 20000) AS n)))));
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default

-- A database that does not store UTF-8.
SELECT current_database() AS test_database \gset
CREATE DATABASE segments_regress_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c segments_regress_latin1
CREATE EXTENSION segments CASCADE;
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS installed FROM pg_extension WHERE extname IN ('segments', 'cube');
\c :test_database
DROP DATABASE segments_regress_latin1;
