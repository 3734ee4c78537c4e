-- Settings every part of the generator runs with. Each part runs inside a
-- transaction, and SET LOCAL ends with it, so a psql session that includes the
-- generator keeps its own settings afterwards.

SET LOCAL client_min_messages = warning;
-- Timestamps are computed in UTC; the destination's local time is asked for
-- explicitly where it matters (seasons, holidays, visit dates).
SET LOCAL TIME ZONE 'UTC';
-- A crash before the commit loses only a partial load, which the next run replaces.
SET LOCAL synchronous_commit = off;
SET LOCAL work_mem = '256MB';
SET LOCAL maintenance_work_mem = '512MB';
-- Compiling these one-off queries to machine code costs more than it saves.
SET LOCAL jit = off;

-- Each row inserted into a table with a foreign key fires a trigger that looks
-- its parent row up; at 1,000,000 customers this made the load about five times
-- slower (measured: 74 s instead of 12 s for 3,000,000 acquisitions). The
-- generator builds every reference from rows it generated, so superusers skip
-- those triggers with session_replication_role = replica. Every other ordinary
-- trigger on these tables is skipped too. demo/check.sql verifies each foreign
-- key with one anti-join afterwards.
SELECT current_setting('is_superuser') = 'on' AS generator_is_superuser \gset
\if :generator_is_superuser
SET LOCAL session_replication_role = replica;
\endif
