-- Evaluating definitions and keeping stored membership.

CREATE FUNCTION segments.evaluate(definition jsonb, timezone text DEFAULT 'UTC',
                                  as_of timestamptz DEFAULT now())
RETURNS SETOF bigint
AS 'MODULE_PATHNAME', 'segments_evaluate'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 1000;

COMMENT ON FUNCTION segments.evaluate(jsonb, text, timestamptz) IS
    'Returns the customer_id of every customer the definition matches at as_of, counting days in timezone; nothing is stored.';

CREATE FUNCTION segments.preview(definition jsonb, timezone text DEFAULT 'UTC',
                                 as_of timestamptz DEFAULT now())
RETURNS bigint
AS 'MODULE_PATHNAME', 'segments_preview'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;

COMMENT ON FUNCTION segments.preview(jsonb, text, timestamptz) IS
    'Returns how many customers the definition matches at as_of, for editors that show a live count.';

CREATE FUNCTION segments.compile(definition jsonb, timezone text DEFAULT 'UTC')
RETURNS text
AS 'MODULE_PATHNAME', 'segments_compile'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;

COMMENT ON FUNCTION segments.compile(jsonb, text) IS
    'Returns the SQL the definition compiles to, followed by its parameter values, so it can be read or run with EXPLAIN.';

CREATE FUNCTION segments.recalculate_segment(segment_id bigint, as_of timestamptz, trigger text)
RETURNS bigint
AS 'MODULE_PATHNAME', 'segments_recalculate_segment'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;

COMMENT ON FUNCTION segments.recalculate_segment(bigint, timestamptz, text) IS
    'Recalculates one segment in the current transaction and returns the recalculation_id of the run; trigger is recorded as what started it. Most callers want CALL segments.recalculate.';

CREATE FUNCTION segments.segment_members(segment_id bigint)
RETURNS TABLE (customer_id bigint, joined_at timestamptz)
AS 'MODULE_PATHNAME', 'segments_segment_members'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 1000;

COMMENT ON FUNCTION segments.segment_members(bigint) IS
    'Returns the stored members of a segment as of its last successful recalculation, ordered by customer_id.';

CREATE FUNCTION segments.explain_membership(segment_id bigint, customer_id bigint,
                                            as_of timestamptz DEFAULT now())
RETURNS TABLE (path text, node jsonb, matched boolean)
AS 'MODULE_PATHNAME', 'segments_explain_membership'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;

COMMENT ON FUNCTION segments.explain_membership(bigint, bigint, timestamptz) IS
    'Returns one row per node of the segment''s definition (path, node, and whether the customer matched it at as_of), to answer why a customer is or is not a member.';

-- No SET search_path clause: a CALL of a procedure with one is atomic, and this
-- one commits a recorded failure before raising it. Every name is qualified.
CREATE PROCEDURE segments.recalculate(segment_id bigint, as_of timestamptz DEFAULT now())
LANGUAGE plpgsql
AS $$
DECLARE
    can_commit boolean;
    run record;
BEGIN
    CALL segments.transaction_control_allowed(can_commit);
    SELECT * INTO run FROM segments.run_recalculation(segment_id, as_of, 'manual');
    IF run.error_sqlstate IS NOT NULL THEN
        -- At top level the recorded failure is committed before the error is
        -- raised; inside a transaction block it is rolled back with the
        -- caller's transaction.
        IF can_commit THEN
            COMMIT;
        END IF;
        PERFORM segments.raise_error(run.error_sqlstate, run.error_message,
                                     run.error_detail, run.error_hint);
    END IF;
END
$$;

COMMENT ON PROCEDURE segments.recalculate(bigint, timestamptz) IS
    'Recalculates a segment now (trigger manual): stores its new membership, keeps joined_at of members who stay, and records who joined and left. A failure leaves the membership as it was, is recorded (committed first when called at top level) and raised with its SQLSTATE.';
