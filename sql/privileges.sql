-- Least privilege: what a reader (BI tool), an editor and a role without
-- grants can and cannot do, the grants behind it, and the check that no
-- function of the extension runs with more privileges than its caller.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
DROP ROLE IF EXISTS regress_segments_reader;
DROP ROLE IF EXISTS regress_segments_editor;
DROP ROLE IF EXISTS regress_segments_exporter;
DROP ROLE IF EXISTS regress_segments_outsider;
RESET client_min_messages;
\set SHOW_CONTEXT never
\pset format unaligned
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';

CREATE ROLE regress_segments_reader;
CREATE ROLE regress_segments_editor;
CREATE ROLE regress_segments_exporter;
CREATE ROLE regress_segments_outsider;

-- The owner loads the data and creates the first segment.
INSERT INTO segments.customer (customer_id, email, first_name, last_name, created_at) VALUES
    (1, 'ada@example.com', 'Ada', 'Lovelace', '2026-01-01 00:00+00'),
    (2, 'bjorn@example.com', 'Björn', 'Borg', '2026-01-01 00:00+00');
INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City pass', 'pass');
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at) VALUES (1, 1, '2026-01-10 10:00+00');
INSERT INTO segments.segment (name, definition) VALUES
    ('Pass holders', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}');
CALL segments.recalculate(1, '2026-02-01 00:00+00');

SELECT segments.grant_reader('regress_segments_reader');
SELECT segments.grant_editor('regress_segments_editor');
SELECT segments.grant_editor('regress_segments_exporter');
GRANT pg_write_server_files TO regress_segments_exporter;
SELECT current_setting('data_directory') || '/segments_privileges_regress.csv' AS path \gset

-- What each kind may do on every table and view of the schema: S(ELECT),
-- I(NSERT), U(PDATE), D(ELETE), or - for no.
SELECT c.relname,
       (SELECT string_agg(CASE WHEN has_table_privilege('regress_segments_reader', c.oid, p) THEN left(p, 1) ELSE '-' END, '' ORDER BY o)
        FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) WITH ORDINALITY AS t(p, o)) AS reader,
       (SELECT string_agg(CASE WHEN has_table_privilege('regress_segments_editor', c.oid, p) THEN left(p, 1) ELSE '-' END, '' ORDER BY o)
        FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) WITH ORDINALITY AS t(p, o)) AS editor
FROM pg_catalog.pg_class AS c
WHERE c.relnamespace = 'segments'::regnamespace AND c.relkind IN ('r', 'v')
ORDER BY c.relkind, c.relname;

-- No function of the extension is SECURITY DEFINER: no rows. A function
-- that is would need a pinned search_path and no EXECUTE for PUBLIC.
SELECT p.oid::regprocedure
FROM pg_catalog.pg_proc AS p
JOIN pg_catalog.pg_depend AS d ON d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid
    AND d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e'
JOIN pg_catalog.pg_extension AS e ON e.oid = d.refobjid AND e.extname = 'segments'
WHERE p.prosecdef;

-- The functions PUBLIC cannot execute.
SELECT p.oid::regprocedure
FROM pg_catalog.pg_proc AS p
WHERE p.pronamespace = 'segments'::regnamespace
  AND NOT has_function_privilege('public', p.oid, 'EXECUTE')
ORDER BY p.oid::regprocedure::text;

-- A reader sees the views.
SET ROLE regress_segments_reader;
SELECT segment_name, match_mode, condition_count, member_count, last_outcome FROM segments.segment_summary;
SELECT segment_name, customer_id, email, first_name, last_name FROM segments.segment_membership;
SELECT segment_name, trigger, member_count, outcome FROM segments.recalculation_log WHERE trigger = 'manual';
SELECT segment_name, customer_id, email, change FROM segments.membership_changes;

-- A reader's own function in WHERE sees only the rows of the view: the
-- address of Björn, who is in no segment, never reaches it.
CREATE FUNCTION pg_temp.show(value text) RETURNS boolean LANGUAGE plpgsql STRICT COST 0.0001
    AS $$ BEGIN RAISE NOTICE 'function saw %', value; RETURN true; END $$;
SELECT customer_id FROM segments.segment_membership WHERE pg_temp.show(email);
SELECT customer_id FROM segments.membership_changes WHERE pg_temp.show(email);

-- A reader cannot read the tables: not the customers, not the definitions.
SELECT * FROM segments.customer;
\echo :LAST_ERROR_SQLSTATE
SELECT definition FROM segments.segment;
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM segments.segment_member;
\echo :LAST_ERROR_SQLSTATE
COPY segments.customer TO STDOUT;
\echo :LAST_ERROR_SQLSTATE

-- A reader cannot create, change, delete or recalculate segments, nor
-- evaluate definitions over the data.
INSERT INTO segments.segment (name, definition) VALUES
    ('Mine', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}');
\echo :LAST_ERROR_SQLSTATE
UPDATE segments.segment SET name = 'Renamed';
\echo :LAST_ERROR_SQLSTATE
DELETE FROM segments.segment;
\echo :LAST_ERROR_SQLSTATE
CALL segments.recalculate(1);
\echo :LAST_ERROR_SQLSTATE
SELECT segments.preview('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM segments.evaluate('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}');
\echo :LAST_ERROR_SQLSTATE
CREATE TABLE segments.reader_table (x integer);
\echo :LAST_ERROR_SQLSTATE

-- A reader cannot export: not to a server file, not through export_rows.
SELECT segments.export_csv(1, :'path');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM segments.export_rows(1);
\echo :LAST_ERROR_SQLSTATE

-- Nor grant itself more.
SELECT segments.grant_editor('regress_segments_reader');
\echo :LAST_ERROR_SQLSTATE
RESET ROLE;

-- An editor reads the data and manages segments.
SET ROLE regress_segments_editor;
SELECT customer_id, email FROM segments.customer ORDER BY customer_id;
SELECT segments.preview('{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}, {"type": "item_purchase", "items": [1], "negate": true}]}', 'UTC', '2026-02-01 00:00+00');
INSERT INTO segments.segment (name, description, definition) VALUES
    ('No pass', 'Customers without a city pass',
     '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "negate": true}]}')
RETURNING segment_id, name;
CALL segments.recalculate(2, '2026-02-01 00:00+00');
SELECT segment_name, member_count, last_outcome FROM segments.segment_summary ORDER BY segment_id;
SELECT segment_name, customer_id FROM segments.segment_membership WHERE segment_name = 'No pass';
UPDATE segments.segment SET description = 'Passholders to be', name = 'Without a pass' WHERE segment_id = 2;
CALL segments.recalculate(2, '2026-02-02 00:00+00');
SELECT customer_id, email FROM segments.export_rows(2);
-- An editor sends messages: the first claim returns the members just listed,
-- the second one nobody.
SELECT * FROM segments.claim_recipients(2, 'welcome', '2026-02-02 00:00+00');
SELECT * FROM segments.claim_recipients(2, 'welcome', '2026-02-02 00:00+00');
SELECT segments.export_csv(2, :'path');
\echo :LAST_ERROR_SQLSTATE

-- An editor cannot load or change the pass program's data, edit stored
-- membership in place, or delete the change history. (It may insert and
-- delete membership rows, because a recalculation runs with its privileges.)
INSERT INTO segments.customer (email) VALUES ('eve@example.com');
\echo :LAST_ERROR_SQLSTATE
UPDATE segments.acquisition SET status = 'refunded';
\echo :LAST_ERROR_SQLSTATE
DELETE FROM segments.item;
\echo :LAST_ERROR_SQLSTATE
INSERT INTO segments.custom_field (name, data_type) VALUES ('age', 'number');
\echo :LAST_ERROR_SQLSTATE
TRUNCATE segments.segment_member;
\echo :LAST_ERROR_SQLSTATE
UPDATE segments.segment_member SET joined_at = now();
\echo :LAST_ERROR_SQLSTATE

-- An editor deletes a segment, and its members and history go with it.
DELETE FROM segments.segment WHERE segment_id = 2;
SELECT count(*) FROM segments.segment_membership WHERE segment_id = 2;
SELECT count(*) FROM segments.recalculation_log WHERE segment_id = 2;
RESET ROLE;

-- An editor who may also write server files exports with export_csv.
SET ROLE regress_segments_exporter;
SELECT segments.export_csv(1, :'path');
RESET ROLE;
SELECT regexp_replace(pg_read_file(:'path'), '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00', '<JOINED_AT>', 'g') AS file;

-- A role without grants reaches nothing in the schema.
SET ROLE regress_segments_outsider;
SELECT * FROM segments.segment_summary;
\echo :LAST_ERROR_SQLSTATE
SELECT segments.neutralize_formula('=1');
\echo :LAST_ERROR_SQLSTATE
RESET ROLE;

-- Granting is for the owner of the extension's objects. A role given EXECUTE
-- on grant_reader still cannot use it. (Terse: the detail names the owner.)
GRANT EXECUTE ON FUNCTION segments.grant_reader(regrole) TO regress_segments_editor;
SET ROLE regress_segments_editor;
\set VERBOSITY terse
SELECT segments.grant_reader('regress_segments_outsider');
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
RESET ROLE;
SELECT segments.grant_reader(NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT segments.grant_reader('regress_no_such_role');
\echo :LAST_ERROR_SQLSTATE

-- revoke_access takes everything back.
SELECT segments.revoke_access('regress_segments_reader');
SELECT has_schema_privilege('regress_segments_reader', 'segments', 'USAGE') AS schema_usage,
       has_table_privilege('regress_segments_reader', 'segments.segment_summary', 'SELECT') AS summary_select;

SET client_min_messages = warning;
DROP OWNED BY regress_segments_reader, regress_segments_editor, regress_segments_exporter,
    regress_segments_outsider;
DROP ROLE regress_segments_reader;
DROP ROLE regress_segments_editor;
DROP ROLE regress_segments_exporter;
DROP ROLE regress_segments_outsider;
RESET client_min_messages;
