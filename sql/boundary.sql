-- The C++/PostgreSQL boundary: errors from either side reach the client as
-- clean SQL errors with their own SQLSTATE, and the session stays usable.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
-- The compiled SQL in error contexts belongs to the compiler tests, not here.
\set SHOW_CONTEXT never

INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City Pass', 'pass');
INSERT INTO segments.customer (customer_id, country) VALUES (1, 'DE'), (2, 'FR');

-- A C++ exception (a definition the core rejects) becomes SQLSTATE 22023.
SELECT segments.preview('{"match": "every", "conditions": [{"type": "in_segment", "segment": 1}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT 'session usable after a C++ exception' AS check;

-- A PostgreSQL error raised inside SPI, under C++ frames: a role that may call
-- the function but may not read segments.customer.
CREATE ROLE segments_boundary_probe;
GRANT USAGE ON SCHEMA segments TO segments_boundary_probe;
GRANT SELECT ON segments.item, segments.custom_field, segments.segment TO segments_boundary_probe;
GRANT EXECUTE ON FUNCTION segments.preview(jsonb, text, timestamptz),
                          segments.evaluate(jsonb, text, timestamptz) TO segments_boundary_probe;
SET ROLE segments_boundary_probe;
SELECT segments.preview('{"match": "all", "conditions": [{"type": "location", "country": ["DE"]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM segments.evaluate('{"match": "all", "conditions": [{"type": "location", "country": ["DE"]}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT 'session usable after a PostgreSQL error inside C++' AS check;

-- The same error caught by PL/pgSQL: the transaction goes on and can call the
-- function again.
DO $$
BEGIN
    BEGIN
        PERFORM segments.preview('{"match": "all", "conditions": [{"type": "location", "country": ["DE"]}]}');
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'caught % (%)', SQLERRM, SQLSTATE;
    END;
    BEGIN
        PERFORM segments.preview('{"match": "all", "conditions": [{"type": "location", "country": ["DE"]}]}');
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'caught again % (%)', SQLERRM, SQLSTATE;
    END;
END
$$;
RESET ROLE;

-- Inside one transaction with savepoints: the failed call is rolled back to
-- the savepoint and the next call succeeds.
BEGIN;
SAVEPOINT before_bad_definition;
SELECT segments.preview('{"match": "all", "conditions": []}');
ROLLBACK TO SAVEPOINT before_bad_definition;
SELECT segments.preview('{"match": "all", "conditions": [{"type": "location", "country": ["de"]}]}') AS german_customers;
COMMIT;

DROP OWNED BY segments_boundary_probe;
DROP ROLE segments_boundary_probe;
