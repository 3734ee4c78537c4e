-- Recalculation in operation: on create and on change (triggers), on demand
-- (segments.recalculate, segments.recalculate_all), with failures recorded in
-- the run log while the previous membership stays in place.
--
-- segments.recalculate_segment (C++) does one run in the caller's transaction
-- and raises on failure, leaving the rollback to the caller. Everything here
-- decides what happens around that: which segments, in which order, in which
-- transaction, and how a failure is recorded. A failure can only be recorded
-- in a transaction that commits, so:
--   * the INSERT and UPDATE triggers let the error abort the statement: the
--     segment change and its failed run are rolled back together;
--   * the procedures run each segment in a subtransaction, record a failure
--     after rolling it back, and COMMIT when PostgreSQL lets them (a CALL at
--     top level, outside BEGIN ... COMMIT). Inside a transaction block they
--     cannot commit, and what they recorded stays with the caller's transaction.
--
-- The procedures that COMMIT have no SET search_path clause, because a CALL of
-- a procedure with a SET clause is atomic and cannot commit. They are not
-- SECURITY DEFINER, and every name in them is schema-qualified.

-- References of definitions.

CREATE FUNCTION segments.definition_references(definition jsonb)
RETURNS TABLE (reference_kind text, referenced_id bigint, referenced_name text)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT DISTINCT r.reference_kind, r.referenced_id, r.referenced_name
    FROM (
        SELECT 'item' AS reference_kind, value::bigint AS referenced_id, NULL::text AS referenced_name
        FROM pg_catalog.jsonb_path_query(definition,
            'strict $.** ? ((@.type == "item_purchase" || @.type == "promotion_used")
                            && exists(@.items)).items[*]') AS value
        UNION ALL
        SELECT 'pass', value::bigint, NULL
        FROM pg_catalog.jsonb_path_query(definition,
            'strict $.** ? (@.type == "pass_redemptions" || @.type == "pass_points"
                            || @.type == "pass_expiration").pass') AS value
        UNION ALL
        SELECT 'custom_field', NULL, value #>> '{}'
        FROM pg_catalog.jsonb_path_query(definition,
            'strict $.** ? (@.type == "custom_field").field') AS value
        UNION ALL
        SELECT 'segment', value::bigint, NULL
        FROM pg_catalog.jsonb_path_query(definition,
            'strict $.** ? (@.type == "in_segment").segment') AS value
    ) AS r
    ORDER BY 1, 2, 3;
$$;

COMMENT ON FUNCTION segments.definition_references(jsonb) IS
    'Returns what a definition refers to: items (reference_kind item, or pass when a pass_* condition needs an item of kind pass), custom fields by name, and segments read by in_segment.';

-- A function as well as a view: the triggers and functions below read it with
-- the caller's privileges, and a role that may read segments.segment (an
-- editor) need not also be granted the view.
CREATE FUNCTION segments.stored_references()
RETURNS TABLE (segment_id bigint, reference_kind text, referenced_id bigint, referenced_name text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT s.segment_id, r.reference_kind, r.referenced_id, r.referenced_name
    FROM segments.segment AS s
    CROSS JOIN LATERAL segments.definition_references(s.definition) AS r;
$$;

COMMENT ON FUNCTION segments.stored_references() IS
    'Returns one row per item, custom field or segment that a stored segment definition refers to, like the view segments.segment_reference.';

CREATE VIEW segments.segment_reference AS
    SELECT r.segment_id, r.reference_kind, r.referenced_id, r.referenced_name
    FROM segments.stored_references() AS r;

COMMENT ON VIEW segments.segment_reference IS
    'One row per item, custom field or segment that a segment definition refers to.';
COMMENT ON COLUMN segments.segment_reference.segment_id IS 'The segment whose definition refers.';
COMMENT ON COLUMN segments.segment_reference.reference_kind IS
    'item (item_purchase, promotion_used), pass (pass_redemptions, pass_points, pass_expiration: the item must be of kind pass), custom_field, or segment (in_segment).';
COMMENT ON COLUMN segments.segment_reference.referenced_id IS
    'The item_id or segment_id referred to; NULL for custom fields.';
COMMENT ON COLUMN segments.segment_reference.referenced_name IS
    'The custom field name referred to; NULL for items and segments.';

-- Orders segments so that every segment comes after the segments it reads with
-- in_segment (Kahn's algorithm, one level per pass). A segment's level is 0
-- when it reads no segment, else one more than the highest level it reads.
-- References to segments that do not exist are ignored here; such a segment
-- fails when it is recalculated. Segments on a cycle (possible only when the
-- validator was bypassed) come last with a NULL level.
CREATE FUNCTION segments.recalculation_order()
RETURNS TABLE (segment_id bigint, level integer, reads bigint[])
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- segment_id (as text) -> array of the segment_ids it reads
    graph jsonb;
    placed bigint[] := '{}';
    ready bigint[];
    current_level integer := 0;
BEGIN
    SELECT coalesce(jsonb_object_agg(s.segment_id, to_jsonb(ARRAY(
               SELECT r.referenced_id
               FROM segments.definition_references(s.definition) AS r
               JOIN segments.segment AS target ON target.segment_id = r.referenced_id
               WHERE r.reference_kind = 'segment' AND r.referenced_id <> s.segment_id
               ORDER BY 1))), '{}')
    INTO graph
    FROM segments.segment AS s;

    LOOP
        SELECT array_agg(g.key::bigint ORDER BY g.key::bigint) INTO ready
        FROM jsonb_each(graph) AS g
        WHERE g.key::bigint <> ALL (placed)
          AND ARRAY(SELECT jsonb_array_elements_text(g.value)::bigint) <@ placed;
        EXIT WHEN ready IS NULL;
        RETURN QUERY
            SELECT g.key::bigint, current_level,
                   ARRAY(SELECT jsonb_array_elements_text(g.value)::bigint)
            FROM jsonb_each(graph) AS g
            WHERE g.key::bigint = ANY (ready)
            ORDER BY 1;
        placed := placed || ready;
        current_level := current_level + 1;
    END LOOP;

    RETURN QUERY
        SELECT g.key::bigint, NULL::integer, ARRAY(SELECT jsonb_array_elements_text(g.value)::bigint)
        FROM jsonb_each(graph) AS g
        WHERE g.key::bigint <> ALL (placed)
        ORDER BY 1;
END
$$;

COMMENT ON FUNCTION segments.recalculation_order() IS
    'Returns every segment in the order recalculate_all runs them: each after the segments it reads with in_segment (reads), level by level, ties by segment_id.';
-- Running one segment and recording a failure.

CREATE PROCEDURE segments.transaction_control_allowed(INOUT allowed boolean DEFAULT NULL)
AS 'MODULE_PATHNAME', 'segments_transaction_control_allowed'
LANGUAGE C;

COMMENT ON PROCEDURE segments.transaction_control_allowed(boolean) IS
    'Sets allowed to whether the calling procedure may COMMIT: true for a CALL at top level outside a transaction block. Call it outside BEGIN ... EXCEPTION blocks.';

-- Raises an error with the given SQLSTATE, message, detail and hint, leaving
-- out an empty detail or hint (RAISE rejects NULL options and would print an
-- empty DETAIL line for ''). Used to pass on an error caught earlier.
CREATE FUNCTION segments.raise_error(error_sqlstate text, message text, detail text DEFAULT NULL,
                                     hint text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    detail := nullif(detail, '');
    hint := nullif(hint, '');
    IF detail IS NULL AND hint IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = error_sqlstate, MESSAGE = message;
    ELSIF hint IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = error_sqlstate, MESSAGE = message, DETAIL = detail;
    ELSIF detail IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = error_sqlstate, MESSAGE = message, HINT = hint;
    ELSE
        RAISE EXCEPTION USING ERRCODE = error_sqlstate, MESSAGE = message, DETAIL = detail, HINT = hint;
    END IF;
END
$$;

COMMENT ON FUNCTION segments.raise_error(text, text, text, text) IS
    'Raises an error with this SQLSTATE, message, detail and hint; an empty or NULL detail or hint is left out.';

-- Records a failed run of segment_id that started at started_at. The previous
-- membership and member_count are left as they are; only last_duration,
-- last_outcome and last_error change. When another transaction has locked the
-- segment row (it is recalculating it), only the run row is written, because
-- waiting for that row here could fail the same way the run did. Returns the
-- recalculation_id, or NULL when the segment no longer exists.
CREATE FUNCTION segments.record_failed_recalculation(segment_id bigint, trigger text,
                                                     as_of timestamptz, started_at timestamptz,
                                                     error text)
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    row_locked boolean;
    run_id bigint;
BEGIN
    SELECT true INTO row_locked
    FROM segments.segment AS s
    WHERE s.segment_id = record_failed_recalculation.segment_id
    FOR NO KEY UPDATE SKIP LOCKED;
    IF row_locked IS NULL AND NOT EXISTS (
           SELECT 1 FROM segments.segment AS s
           WHERE s.segment_id = record_failed_recalculation.segment_id) THEN
        RETURN NULL;
    END IF;

    INSERT INTO segments.recalculation AS r
        (segment_id, trigger, as_of, started_at, duration, outcome, error)
    VALUES (record_failed_recalculation.segment_id, trigger, as_of, started_at,
            clock_timestamp() - started_at, 'failed', error)
    RETURNING r.recalculation_id INTO run_id;

    IF row_locked THEN
        UPDATE segments.segment AS s
        SET last_duration = r.duration, last_outcome = 'failed', last_error = r.error
        FROM segments.recalculation AS r
        WHERE r.recalculation_id = run_id AND s.segment_id = r.segment_id;
    END IF;
    RETURN run_id;
END
$$;

COMMENT ON FUNCTION segments.record_failed_recalculation(bigint, text, timestamptz, timestamptz, text) IS
    'Records a failed run in segments.recalculation and in the segment''s last_* columns, leaving its members and member_count as they were. Returns the recalculation_id, or NULL when the segment does not exist.';

-- Runs recalculate_segment, and runs it once more when it failed because a
-- customer it was adding as a member was deleted by a transaction that
-- committed during the run: the foreign key from segment_member rejects the
-- row. In READ COMMITTED the second run reads a new snapshot without that
-- customer; in REPEATABLE READ it fails the same way and the error is raised.
CREATE FUNCTION segments.recalculate_segment_retrying(segment_id bigint, as_of timestamptz,
                                                      trigger text)
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    violated_constraint text;
BEGIN
    BEGIN
        RETURN segments.recalculate_segment(segment_id, as_of, trigger);
    EXCEPTION
        WHEN foreign_key_violation THEN
            GET STACKED DIAGNOSTICS violated_constraint = CONSTRAINT_NAME;
            IF violated_constraint IS DISTINCT FROM 'segment_member_customer_id_fkey' THEN
                RAISE;
            END IF;
    END;
    RETURN segments.recalculate_segment(segment_id, as_of, trigger);
END
$$;

COMMENT ON FUNCTION segments.recalculate_segment_retrying(bigint, timestamptz, text) IS
    'Runs recalculate_segment, once more when a customer it was adding was deleted during the run. Used by every recalculation path.';

-- Recalculates one segment in a subtransaction. On success returns the run's
-- recalculation_id and NULL error fields. On failure the subtransaction is
-- rolled back (nothing of the run stays), the failure is recorded, and the
-- error is returned in the error_* fields for the caller to raise or report.
-- A cancel (pg_cancel_backend, statement_timeout, SQLSTATE 57014) is caught
-- too, so that it is recorded; callers must stop and raise it again.
CREATE FUNCTION segments.run_recalculation(segment_id bigint, as_of timestamptz, trigger text,
                                           OUT recalculation_id bigint,
                                           OUT error_sqlstate text, OUT error_message text,
                                           OUT error_detail text, OUT error_hint text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    started_at timestamptz := clock_timestamp();
BEGIN
    IF segment_id IS NULL OR as_of IS NULL OR trigger IS NULL THEN
        RAISE EXCEPTION 'segment_id, as_of and trigger must not be null'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;

    BEGIN
        recalculation_id := segments.recalculate_segment_retrying(segment_id, as_of, trigger);
        RETURN;
    EXCEPTION
        WHEN OTHERS OR query_canceled THEN
            GET STACKED DIAGNOSTICS error_sqlstate = RETURNED_SQLSTATE,
                                    error_message = MESSAGE_TEXT,
                                    error_detail = PG_EXCEPTION_DETAIL,
                                    error_hint = PG_EXCEPTION_HINT;
    END;

    recalculation_id := segments.record_failed_recalculation(
        segment_id, trigger, as_of, started_at,
        format('%s (SQLSTATE %s)', error_message, error_sqlstate));
END
$$;

COMMENT ON FUNCTION segments.run_recalculation(bigint, timestamptz, text) IS
    'Recalculates one segment in a subtransaction; on failure records the failed run and returns the error instead of raising it. Used by the recalculation procedures.';

-- On create and on change: recalculating in the same transaction.
--
-- Statement-level triggers with transition tables, so that a statement that
-- writes several segments recalculates them in dependency order. A failed
-- recalculation raises, and the INSERT or UPDATE fails with it: no segment is
-- stored without its membership, and no failed run is recorded.

-- Recalculates the given segments at as_of, each after the segments it reads.
CREATE FUNCTION segments.recalculate_in_order(segment_ids bigint[], as_of timestamptz,
                                              trigger text)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    id bigint;
BEGIN
    IF coalesce(cardinality(segment_ids), 0) = 0 THEN
        RETURN;
    ELSIF cardinality(segment_ids) = 1 THEN
        PERFORM segments.recalculate_segment_retrying(segment_ids[1], as_of, trigger);
        RETURN;
    END IF;
    FOR id IN
        SELECT o.segment_id
        FROM segments.recalculation_order() WITH ORDINALITY AS o(segment_id, level, reads, position)
        WHERE o.segment_id = ANY (segment_ids)
        ORDER BY o.position
    LOOP
        PERFORM segments.recalculate_segment_retrying(id, as_of, trigger);
    END LOOP;
END
$$;

COMMENT ON FUNCTION segments.recalculate_in_order(bigint[], timestamptz, text) IS
    'Recalculates the given segments in the current transaction, each after the segments it reads; the first failure raises.';

CREATE FUNCTION segments.segment_after_insert()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM segments.recalculate_in_order(
        ARRAY(SELECT n.segment_id FROM inserted_segments AS n), now(), 'create');
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION segments.segment_after_insert() IS
    'Trigger function: calculates the membership of new segments in the inserting transaction (trigger create).';

CREATE TRIGGER segment_after_insert
    AFTER INSERT ON segments.segment
    REFERENCING NEW TABLE AS inserted_segments
    FOR EACH STATEMENT EXECUTE FUNCTION segments.segment_after_insert();

CREATE FUNCTION segments.segment_after_update()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    changed bigint[];
BEGIN
    -- segment_id is an identity column that an UPDATE changes only with
    -- SET segment_id = DEFAULT. Such a row is not joined here, so it is not
    -- recalculated.
    changed := ARRAY(
        SELECT n.segment_id
        FROM updated_segments_new AS n
        JOIN updated_segments_old AS o ON o.segment_id = n.segment_id
        WHERE n.definition IS DISTINCT FROM o.definition
           OR n.timezone IS DISTINCT FROM o.timezone);
    IF cardinality(changed) > 0 THEN
        PERFORM segments.recalculate_in_order(changed, now(), 'update');
    END IF;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION segments.segment_after_update() IS
    'Trigger function: recalculates segments whose definition or time zone changed, in the updating transaction (trigger update).';

CREATE TRIGGER segment_after_update
    AFTER UPDATE ON segments.segment
    REFERENCING OLD TABLE AS updated_segments_old NEW TABLE AS updated_segments_new
    FOR EACH STATEMENT EXECUTE FUNCTION segments.segment_after_update();

CREATE FUNCTION segments.create_segment(name text, definition jsonb, description text DEFAULT NULL,
                                        timezone text DEFAULT 'UTC')
RETURNS bigint
LANGUAGE sql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
    INSERT INTO segments.segment (name, definition, description, timezone)
    VALUES (name, definition, description, timezone)
    RETURNING segment_id;
$$;

COMMENT ON FUNCTION segments.create_segment(text, jsonb, text, text) IS
    'Creates a segment, calculates its membership in the same transaction, and returns its segment_id.';

-- On demand: every segment.

CREATE PROCEDURE segments.recalculate_all(as_of timestamptz DEFAULT now(),
                                          trigger text DEFAULT 'manual')
LANGUAGE plpgsql
AS $$
DECLARE
    can_commit boolean;
    next record;
    run record;
    failed bigint[] := '{}';
    failed_read bigint;
    succeeded_count integer := 0;
    cancelled boolean := false;
BEGIN
    IF as_of IS NULL THEN
        RAISE EXCEPTION 'as_of must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF trigger IS NULL OR trigger NOT IN ('manual', 'schedule') THEN
        RAISE EXCEPTION 'invalid recalculation trigger "%"', trigger
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use ''manual'' (the default) or ''schedule'' (for scheduled jobs).';
    END IF;
    CALL segments.transaction_control_allowed(can_commit);

    -- The order is computed once; segments created during the run were
    -- calculated when they were created, and deleted ones are skipped.
    FOR next IN
        SELECT o.segment_id, o.reads FROM segments.recalculation_order() AS o
    LOOP
        SELECT min(r) INTO failed_read FROM pg_catalog.unnest(next.reads) AS r WHERE r = ANY (failed);
        IF failed_read IS NOT NULL THEN
            PERFORM segments.record_failed_recalculation(
                next.segment_id, trigger, as_of, pg_catalog.clock_timestamp(),
                pg_catalog.format('not recalculated because segment %s, which it reads, failed in this run',
                                  failed_read));
            failed := failed || next.segment_id;
            RAISE WARNING 'segment % was not recalculated because segment %, which it reads, failed',
                next.segment_id, failed_read;
        ELSE
            SELECT * INTO run FROM segments.run_recalculation(next.segment_id, as_of, trigger);
            IF run.error_sqlstate IS NULL THEN
                succeeded_count := succeeded_count + 1;
            ELSIF run.recalculation_id IS NOT NULL OR run.error_sqlstate = '57014' THEN
                failed := failed || next.segment_id;
                RAISE WARNING 'recalculation of segment % failed: %', next.segment_id, run.error_message;
                cancelled := run.error_sqlstate = '57014';
            END IF;
            -- Otherwise the segment was deleted since the order was computed.
        END IF;

        IF can_commit THEN
            COMMIT;
        END IF;
        -- A cancel (pg_cancel_backend, statement_timeout) stops the run once
        -- the interrupted segment's failure is recorded.
        IF cancelled THEN
            PERFORM segments.raise_error(run.error_sqlstate, run.error_message,
                                         run.error_detail, run.error_hint);
        END IF;
    END LOOP;

    IF trigger = 'schedule' THEN
        RAISE LOG 'segments.recalculate_all: % segments recalculated, % failed',
            succeeded_count, pg_catalog.cardinality(failed);
    END IF;
END
$$;

COMMENT ON PROCEDURE segments.recalculate_all(timestamptz, text) IS
    'Recalculates every segment at as_of, each after the segments it reads, committing after each one when called at top level. A failure is recorded and the run goes on; segments that read a failed one are recorded as failed without running. trigger is manual, or schedule for scheduled jobs.';
