-- Checking definitions: the validator and the trigger that keeps every stored
-- definition valid and normalized.

CREATE FUNCTION segments.validate_definition(definition jsonb, segment_id bigint DEFAULT NULL)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'segments_validate_definition'
LANGUAGE C STABLE PARALLEL RESTRICTED;

COMMENT ON FUNCTION segments.validate_definition(jsonb, bigint) IS
    'Checks a segment definition and returns its normalized form, or raises 22023 naming the JSON path and the problem. segment_id is the segment being saved, so that a reference back to it is reported as a cycle.';

CREATE FUNCTION segments.check_timezone(timezone text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF timezone IS NULL
       OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_timezone_names AS z WHERE z.name = timezone) THEN
        RAISE EXCEPTION 'invalid time zone "%"', timezone
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Time zones are names from pg_timezone_names, which are case-sensitive.',
                  HINT = 'Use a name such as "UTC", "Europe/Berlin" or "America/New_York".';
    END IF;
    RETURN timezone;
END
$$;

COMMENT ON FUNCTION segments.check_timezone(text) IS
    'Returns the time zone name unchanged, or raises 22023 when it is not in pg_timezone_names.';

-- Validates and normalizes the definition and checks the time zone before a
-- segment row is stored, so no invalid definition is ever saved.
CREATE FUNCTION segments.segment_before_write()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT'
       OR NEW.definition IS DISTINCT FROM OLD.definition
       OR NEW.timezone IS DISTINCT FROM OLD.timezone THEN
        -- Two saves that each add one half of an in_segment cycle would both
        -- pass the cycle check if they ran at once, so saves with references
        -- to segments take turns; the statement after the lock sees the
        -- other save once it has committed.
        -- NOTE: a REPEATABLE READ or SERIALIZABLE transaction keeps its first
        -- snapshot, so there the lock orders the saves but cannot show one
        -- the other's committed reference.
        IF NEW.definition @? '$.** ? (@.type == "in_segment")' THEN
            PERFORM pg_catalog.pg_advisory_xact_lock('segments.segment'::regclass::oid::integer, 0);
        END IF;
        NEW.definition := segments.validate_definition(NEW.definition, NEW.segment_id);
        PERFORM segments.check_timezone(NEW.timezone);
    END IF;
    IF TG_OP = 'UPDATE'
       AND (NEW.name, NEW.description, NEW.definition, NEW.timezone)
           IS DISTINCT FROM (OLD.name, OLD.description, OLD.definition, OLD.timezone) THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION segments.segment_before_write() IS
    'Trigger function: validates and normalizes segments.segment.definition and checks the time zone.';

CREATE TRIGGER segment_before_write
    BEFORE INSERT OR UPDATE ON segments.segment
    FOR EACH ROW EXECUTE FUNCTION segments.segment_before_write();
