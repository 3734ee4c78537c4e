-- On schedule: registering recalculate_all with pg_cron.
--
-- pg_cron is optional, so the extension does not require it: these functions
-- look it up in pg_extension and call the cron schema through dynamic SQL.
-- The job has a fixed name, and cron.schedule(job_name, schedule, command)
-- (pg_cron 1.4 and later) updates the job of that name, so scheduling twice
-- changes the schedule instead of adding a second job.

CREATE FUNCTION segments.recalculation_job_name()
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT 'segments.recalculate_all'::text $$;

COMMENT ON FUNCTION segments.recalculation_job_name() IS
    'Returns the pg_cron job name that schedule_recalculation uses.';

-- Raises 55000 when pg_cron is not installed in this database, with a hint
-- for the server's actual state: pg_cron not preloaded, preloaded for another
-- database, or preloaded for this one but CREATE EXTENSION not run.
CREATE FUNCTION segments.require_pg_cron()
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cron_database text;
    -- NULL when the caller may not read the server's settings.
    preloaded boolean;
    job_command text := 'CALL segments.recalculate_all(trigger => ''schedule'')';
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pg_cron')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'cron') THEN
        RETURN;
    END IF;

    -- pg_cron defines cron.database_name when the server loads it. Only
    -- superusers and members of pg_read_all_settings may read it.
    BEGIN
        cron_database := current_setting('cron.database_name', true);
        preloaded := cron_database IS NOT NULL;
    EXCEPTION
        WHEN insufficient_privilege THEN
            preloaded := NULL;
    END;

    IF preloaded IS NOT TRUE THEN
        RAISE EXCEPTION 'pg_cron is not installed in database "%"', current_database()
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = CASE WHEN preloaded IS NULL
                                THEN 'Scheduled recalculation runs as a pg_cron job.'
                                ELSE 'Scheduled recalculation runs as a pg_cron job, and the server does not load pg_cron.' END,
                  HINT = format('Install pg_cron (Debian: postgresql-15-cron), add the lines shared_preload_libraries = ''pg_cron'' and cron.database_name = %L to postgresql.conf, restart the server, and run CREATE EXTENSION pg_cron in database %I.',
                                current_database(), current_database());
    ELSIF cron_database IS DISTINCT FROM current_database() THEN
        RAISE EXCEPTION 'pg_cron is not installed in database "%"', current_database()
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = format('pg_cron keeps its jobs in database %I (cron.database_name).', cron_database),
                  HINT = format('Set cron.database_name = %L in postgresql.conf and restart the server, or schedule the job from database %I with: SELECT cron.schedule_in_database(%L, ''*/15 * * * *'', %L, %L);',
                                current_database(), cron_database, segments.recalculation_job_name(),
                                job_command, current_database());
    ELSE
        RAISE EXCEPTION 'pg_cron is not installed in database "%"', current_database()
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'The server loads pg_cron for this database, but the extension has not been created.',
                  HINT = 'Run CREATE EXTENSION pg_cron;';
    END IF;
END
$$;

COMMENT ON FUNCTION segments.require_pg_cron() IS
    'Raises 55000, with a hint saying how to enable it, unless pg_cron is installed in this database.';

CREATE FUNCTION segments.schedule_recalculation(schedule text DEFAULT '*/15 * * * *')
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    job_id bigint;
BEGIN
    PERFORM segments.require_pg_cron();
    IF schedule IS NULL OR btrim(schedule) = '' THEN
        RAISE EXCEPTION 'invalid schedule "%"', schedule
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use a cron schedule such as ''*/15 * * * *'' (every 15 minutes).';
    END IF;
    -- cron.schedule checks the schedule itself and raises on a bad one.
    EXECUTE 'SELECT cron.schedule($1, $2, $3)'
        INTO job_id
        USING segments.recalculation_job_name(), schedule,
              'CALL segments.recalculate_all(trigger => ''schedule'')';
    RETURN job_id;
END
$$;

COMMENT ON FUNCTION segments.schedule_recalculation(text) IS
    'Schedules CALL segments.recalculate_all(trigger => ''schedule'') with pg_cron (job segments.recalculate_all, replaced when scheduled again) and returns the job id; raises 55000 with a hint when pg_cron is not installed.';

CREATE FUNCTION segments.unschedule_recalculation()
RETURNS boolean
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    scheduled boolean;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pg_cron') THEN
        RETURN false;
    END IF;
    -- cron.job shows each user only their own jobs, like cron.unschedule acts on them.
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM cron.job WHERE jobname = $1 AND username = current_user)'
        INTO scheduled
        USING segments.recalculation_job_name();
    IF scheduled THEN
        EXECUTE 'SELECT cron.unschedule($1)' USING segments.recalculation_job_name();
    END IF;
    RETURN scheduled;
END
$$;

COMMENT ON FUNCTION segments.unschedule_recalculation() IS
    'Removes the pg_cron job that schedule_recalculation created; returns false when there was none (or pg_cron is not installed).';
