-- On demand: CALL segments.recalculate records every run, succeeded or
-- failed. A failure leaves the previous members and count in place, reaches
-- the caller with its SQLSTATE, and is committed to the run log when the CALL
-- runs at top level.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
SET timezone = 'UTC';
SET datestyle = 'ISO';
\set SHOW_CONTEXT never
INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City Pass', 'pass');
INSERT INTO segments.customer (customer_id, first_name, created_at) VALUES
    (1, 'Ada', '2025-01-01 00:00+00'),
    (2, 'Ben', '2025-01-01 00:00+00'),
    (3, 'Cleo', '2025-01-01 00:00+00');
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at) VALUES
    (1, 1, '2025-03-01 10:00+00'),
    (2, 1, '2025-05-01 10:00+00');
INSERT INTO segments.custom_field (field_id, name, data_type) VALUES (1, 'favourite trail', 'text');
INSERT INTO segments.custom_field_value (customer_id, field_id, value) VALUES (1, 1, 'Hiking');
SELECT segments.create_segment('City pass holders',
    '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}') AS city \gset
SELECT segments.create_segment('Hikers',
    '{"match": "all", "conditions": [{"type": "custom_field", "field": "favourite trail", "operator": "equals", "value": "hiking"}]}') AS hikers \gset
-- A manual run as of April 1st, when only Ada had bought the pass: Ben leaves.
CALL segments.recalculate(:city, '2025-04-01 00:00+00');
SELECT trigger, as_of, member_count, joined_count, left_count, outcome, error
FROM segments.recalculation WHERE segment_id = :city AND trigger = 'manual' ORDER BY recalculation_id;
SELECT member_count, last_as_of, last_outcome, last_error FROM segments.segment WHERE segment_id = :city;
-- A failing run: Ben and Cleo would join, but storing new members fails (a
-- trigger this test puts on segment_member raises).
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at) VALUES (3, 1, '2025-05-02 10:00+00');
CREATE FUNCTION public.reject_new_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'could not store new members (test failure)' USING ERRCODE = 'disk_full';
END
$$;
CREATE TRIGGER reject_new_members BEFORE INSERT ON segments.segment_member
    FOR EACH ROW EXECUTE FUNCTION public.reject_new_members();
SELECT last_calculated_at AS calculated_before FROM segments.segment WHERE segment_id = :city \gset
CALL segments.recalculate(:city, '2025-06-01 00:00+00');
\echo :LAST_ERROR_SQLSTATE
-- The failed run is in the log, because the CALL committed it before raising.
-- The members, the count and the last successful run's time and as_of are
-- still those of April 1st.
SELECT trigger, as_of, member_count, joined_count, left_count, outcome, error
FROM segments.recalculation WHERE segment_id = :city AND trigger = 'manual' ORDER BY recalculation_id;
SELECT member_count, last_as_of, last_calculated_at = :'calculated_before' AS calculated_at_kept,
       last_duration IS NOT NULL AS has_duration, last_outcome, last_error
FROM segments.segment WHERE segment_id = :city;
SELECT customer_id FROM segments.segment_members(:city);
SELECT count(*) AS changes_of_failed_run
FROM segments.membership_change AS c JOIN segments.recalculation AS r USING (recalculation_id)
WHERE r.outcome = 'failed';
-- Inside a transaction block the procedure cannot commit: the error reaches
-- the caller the same way, and the failure is rolled back with the caller's
-- transaction.
BEGIN;
CALL segments.recalculate(:city, '2025-06-02 00:00+00');
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;
SELECT count(*) AS runs_as_of_june_2 FROM segments.recalculation WHERE as_of = '2025-06-02 00:00+00';
-- Once storing works again, the next run succeeds and clears last_error.
DROP TRIGGER reject_new_members ON segments.segment_member;
DROP FUNCTION public.reject_new_members();
CALL segments.recalculate(:city, '2025-06-03 00:00+00');
SELECT as_of, member_count, joined_count, left_count, outcome
FROM segments.recalculation WHERE segment_id = :city ORDER BY recalculation_id DESC LIMIT 1;
SELECT member_count, last_as_of, last_outcome, last_error FROM segments.segment WHERE segment_id = :city;
SELECT customer_id FROM segments.segment_members(:city);
-- A definition that no longer resolves: the custom field is deleted behind
-- the reference check's back (replica mode skips triggers, as it skips foreign
-- keys), and recalculating the segment that reads it fails.
DELETE FROM segments.custom_field_value WHERE field_id = 1;
SET session_replication_role = replica;
DELETE FROM segments.custom_field WHERE field_id = 1;
RESET session_replication_role;
CALL segments.recalculate(:hikers, '2025-06-03 00:00+00');
\echo :LAST_ERROR_SQLSTATE
SELECT member_count, last_outcome, last_error FROM segments.segment WHERE segment_id = :hikers;
SELECT customer_id FROM segments.segment_members(:hikers);
-- Bad arguments: nothing is recorded.
CALL segments.recalculate(999, '2025-06-03 00:00+00');
\echo :LAST_ERROR_SQLSTATE
CALL segments.recalculate(NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS runs FROM segments.recalculation;
