-- Scheduling without pg_cron in this database: a clear error saying how to
-- enable it. The scheduled run itself is tested with a real pg_cron in
-- test/sessions/cron_schedule.sh. This expected output is for a server that
-- loads pg_cron for another database, as scripts/test.sh does (its jobs live
-- in segments_cron). operations_schedule_1.out is for a server without pg_cron.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
\set SHOW_CONTEXT never
SELECT segments.schedule_recalculation();
\echo :LAST_ERROR_SQLSTATE
SELECT segments.schedule_recalculation('0 3 * * *');
\echo :LAST_ERROR_SQLSTATE
-- Nothing is scheduled, so there is nothing to remove.
SELECT segments.unschedule_recalculation();
SELECT segments.recalculation_job_name();
-- A role that may not read the server's settings gets the full instructions.
CREATE ROLE segments_schedule_probe;
GRANT USAGE ON SCHEMA segments TO segments_schedule_probe;
SET ROLE segments_schedule_probe;
SELECT segments.schedule_recalculation();
\echo :LAST_ERROR_SQLSTATE
RESET ROLE;
REVOKE USAGE ON SCHEMA segments FROM segments_schedule_probe;
DROP ROLE segments_schedule_probe;
