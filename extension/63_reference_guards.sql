-- Referential safety: segment definitions refer to items and segments by id
-- and to custom fields by name, inside jsonb, where no foreign key reaches.
-- These constraint triggers reject a delete or change that would leave a
-- definition pointing at something missing (SQLSTATE 23503, naming the
-- segments). They check the state at the end of the statement, or at commit
-- after SET CONSTRAINTS ... DEFERRED, so a transaction may delete and then fix
-- the definitions before it ends. Like foreign keys, they do not fire with
-- session_replication_role = replica.
--
-- NOTE: each deleted or changed row that a definition may use is checked by
-- reading every segment definition, so deleting many items or fields at once
-- costs rows x segments JSON path evaluations.

-- Returns 'segment "a"', 'segments "a" and "b"' or 'segments "a", "b" and "c"'
-- for the given segments, in segment_id order.
CREATE FUNCTION segments.describe_segments(segment_ids bigint[])
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH named AS (
        SELECT format('"%s"', s.name) AS quoted, row_number() OVER (ORDER BY s.segment_id) AS position,
               count(*) OVER () AS total
        FROM segments.segment AS s
        WHERE s.segment_id = ANY (segment_ids)
    )
    SELECT CASE WHEN max(total) = 1 THEN 'segment ' ELSE 'segments ' END
           || string_agg(quoted, CASE WHEN position = total THEN ' and ' ELSE ', ' END ORDER BY position)
    FROM named;
$$;

COMMENT ON FUNCTION segments.describe_segments(bigint[]) IS
    'Returns the segments'' names for a message: segment "a", or segments "a", "b" and "c".';

CREATE FUNCTION segments.item_reference_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    current_kind text;
    referring bigint[];
BEGIN
    SELECT i.kind INTO current_kind FROM segments.item AS i WHERE i.item_id = OLD.item_id;
    IF current_kind = 'pass' OR (current_kind IS NOT NULL AND OLD.kind <> 'pass') THEN
        RETURN NULL;
    END IF;

    -- Either the item is gone, or it is no longer a pass.
    referring := ARRAY(
        SELECT DISTINCT r.segment_id
        FROM segments.stored_references() AS r
        WHERE r.referenced_id = OLD.item_id
          AND (r.reference_kind = 'pass' OR (current_kind IS NULL AND r.reference_kind = 'item'))
        ORDER BY 1);
    IF cardinality(referring) = 0 THEN
        RETURN NULL;
    END IF;

    IF current_kind IS NOT NULL THEN
        RAISE EXCEPTION 'cannot change the kind of item % because it is used as a pass by %',
            OLD.item_id, segments.describe_segments(referring)
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = 'pass_redemptions, pass_points and pass_expiration conditions need an item of kind pass.',
                  HINT = 'Change those segment definitions first.';
    ELSIF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'cannot delete item % because it is used by %',
            OLD.item_id, segments.describe_segments(referring)
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = 'A definition that refers to a missing item cannot be recalculated.',
                  HINT = 'Change or delete those segments first.';
    ELSE
        RAISE EXCEPTION 'cannot change the id of item % because it is used by %',
            OLD.item_id, segments.describe_segments(referring)
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = 'Segment definitions refer to items by item_id.',
                  HINT = 'Change or delete those segments first.';
    END IF;
END
$$;

COMMENT ON FUNCTION segments.item_reference_check() IS
    'Constraint trigger function: rejects deleting an item, changing its id, or making a pass another kind, while a segment definition depends on it.';

CREATE CONSTRAINT TRIGGER item_reference_check
    AFTER UPDATE OF item_id, kind OR DELETE ON segments.item
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION segments.item_reference_check();

CREATE FUNCTION segments.custom_field_reference_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    current_type text;
    referring bigint[];
BEGIN
    SELECT f.data_type INTO current_type FROM segments.custom_field AS f WHERE f.name = OLD.name;
    IF current_type = OLD.data_type THEN
        RETURN NULL;
    END IF;

    -- Either no field has the old name any more, or its data type changed.
    referring := ARRAY(
        SELECT DISTINCT r.segment_id
        FROM segments.stored_references() AS r
        WHERE r.reference_kind = 'custom_field' AND r.referenced_name = OLD.name
        ORDER BY 1);
    IF cardinality(referring) = 0 THEN
        RETURN NULL;
    END IF;

    IF current_type IS NOT NULL THEN
        RAISE EXCEPTION 'cannot change the data type of custom field "%" because it is used by %',
            OLD.name, segments.describe_segments(referring)
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = 'The values in a custom_field condition are written for the field''s data type.',
                  HINT = 'Remove the field from those segment definitions first.';
    ELSIF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'cannot delete custom field "%" because it is used by %',
            OLD.name, segments.describe_segments(referring)
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = 'A definition that refers to a missing custom field cannot be recalculated.',
                  HINT = 'Change or delete those segments first.';
    ELSE
        RAISE EXCEPTION 'cannot rename custom field "%" because it is used by %',
            OLD.name, segments.describe_segments(referring)
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = 'Segment definitions refer to custom fields by name.',
                  HINT = format('To rename the field in those definitions too, use: SELECT segments.rename_custom_field(%L, %L);',
                                OLD.name, NEW.name);
    END IF;
END
$$;

COMMENT ON FUNCTION segments.custom_field_reference_check() IS
    'Constraint trigger function: rejects deleting, renaming or retyping a custom field while a segment definition refers to it by name.';

CREATE CONSTRAINT TRIGGER custom_field_reference_check
    AFTER UPDATE OF name, data_type OR DELETE ON segments.custom_field
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION segments.custom_field_reference_check();

CREATE FUNCTION segments.segment_reference_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    referring bigint[];
BEGIN
    IF EXISTS (SELECT 1 FROM segments.segment AS s WHERE s.segment_id = OLD.segment_id) THEN
        RETURN NULL;
    END IF;
    referring := ARRAY(
        SELECT DISTINCT r.segment_id
        FROM segments.stored_references() AS r
        WHERE r.reference_kind = 'segment' AND r.referenced_id = OLD.segment_id
        ORDER BY 1);
    IF cardinality(referring) = 0 THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'cannot delete segment % "%" because it is read by %',
        OLD.segment_id, OLD.name, segments.describe_segments(referring)
        USING ERRCODE = 'foreign_key_violation',
              DETAIL = 'An in_segment condition reads the stored members of the segment it names.',
              HINT = format('Change or delete those segments first, or delete them all with: SELECT * FROM segments.delete_segment(%s, cascade => true);',
                            OLD.segment_id);
END
$$;

COMMENT ON FUNCTION segments.segment_reference_check() IS
    'Constraint trigger function: rejects deleting a segment (or changing its id) while another segment''s in_segment condition reads it.';

CREATE CONSTRAINT TRIGGER segment_reference_check
    AFTER UPDATE OF segment_id OR DELETE ON segments.segment
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION segments.segment_reference_check();

-- TRUNCATE fires no row triggers, so it is checked as a whole.
CREATE FUNCTION segments.truncate_reference_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    kinds text[] := CASE TG_TABLE_NAME WHEN 'item' THEN ARRAY['item', 'pass']
                                       ELSE ARRAY['custom_field'] END;
    referring bigint[];
BEGIN
    referring := ARRAY(
        SELECT DISTINCT r.segment_id
        FROM segments.stored_references() AS r
        WHERE r.reference_kind = ANY (kinds)
        ORDER BY 1);
    IF cardinality(referring) > 0 THEN
        RAISE EXCEPTION 'cannot truncate segments.% because its rows are used by %',
            TG_TABLE_NAME, segments.describe_segments(referring)
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'Change or delete those segments first.';
    END IF;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION segments.truncate_reference_check() IS
    'Trigger function: rejects TRUNCATE of segments.item or segments.custom_field while a segment definition refers to their rows.';

CREATE TRIGGER item_truncate_reference_check
    BEFORE TRUNCATE ON segments.item
    FOR EACH STATEMENT EXECUTE FUNCTION segments.truncate_reference_check();

CREATE TRIGGER custom_field_truncate_reference_check
    BEFORE TRUNCATE ON segments.custom_field
    FOR EACH STATEMENT EXECUTE FUNCTION segments.truncate_reference_check();

-- The explicit ways through: deleting a segment with the segments that read
-- it, and renaming a custom field in the definitions too.

CREATE FUNCTION segments.delete_segment(segment_id bigint, cascade boolean DEFAULT false)
RETURNS SETOF bigint
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    to_delete bigint[];
BEGIN
    IF segment_id IS NULL OR cascade IS NULL THEN
        RAISE EXCEPTION 'segment_id and cascade must not be null'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM segments.segment AS s WHERE s.segment_id = delete_segment.segment_id) THEN
        RAISE EXCEPTION 'segment % does not exist', segment_id
            USING ERRCODE = 'undefined_object',
                  HINT = 'Check the segment_id against segments.segment.';
    END IF;

    IF cascade THEN
        to_delete := ARRAY(
            WITH RECURSIVE reader (segment_id) AS (
                SELECT delete_segment.segment_id
                UNION
                SELECT r.segment_id
                FROM segments.stored_references() AS r
                JOIN reader ON r.reference_kind = 'segment' AND r.referenced_id = reader.segment_id
            )
            SELECT reader.segment_id FROM reader ORDER BY 1);
    ELSE
        to_delete := ARRAY[segment_id];
    END IF;

    RETURN QUERY
        WITH deleted AS (
            DELETE FROM segments.segment AS s
            WHERE s.segment_id = ANY (to_delete)
            RETURNING s.segment_id
        )
        SELECT deleted.segment_id FROM deleted ORDER BY 1;
END
$$;

COMMENT ON FUNCTION segments.delete_segment(bigint, boolean) IS
    'Deletes a segment and returns the ids deleted. With cascade => true it also deletes every segment that reads it with in_segment, directly or not; without, a segment that is read is not deleted (23503).';

-- Returns node with every custom_field condition on old_name changed to
-- new_name, recursing into groups.
CREATE FUNCTION segments.rename_field_in_definition(node jsonb, old_name text, new_name text)
RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE
        WHEN node ->> 'type' = 'custom_field' AND node ->> 'field' = old_name
            THEN jsonb_set(node, '{field}', to_jsonb(new_name))
        WHEN jsonb_typeof(node -> 'conditions') = 'array'
            THEN jsonb_set(node, '{conditions}', coalesce((
                SELECT jsonb_agg(segments.rename_field_in_definition(c.value, old_name, new_name)
                                 ORDER BY c.position)
                FROM jsonb_array_elements(node -> 'conditions') WITH ORDINALITY AS c(value, position)),
                '[]'))
        ELSE node
    END;
$$;

COMMENT ON FUNCTION segments.rename_field_in_definition(jsonb, text, text) IS
    'Returns the definition with every custom_field condition on old_name changed to new_name.';

CREATE FUNCTION segments.rename_custom_field(old_name text, new_name text)
RETURNS SETOF bigint
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    changed bigint[];
BEGIN
    IF old_name IS NULL OR new_name IS NULL THEN
        RAISE EXCEPTION 'old_name and new_name must not be null'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    PERFORM 1 FROM segments.custom_field AS f WHERE f.name = old_name FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'custom field "%" does not exist', old_name
            USING ERRCODE = 'undefined_object',
                  HINT = 'List the fields with: SELECT name FROM segments.custom_field;';
    END IF;

    -- The check runs at the end of this function instead of after the
    -- rename, when the definitions still name the field the old way.
    SET CONSTRAINTS segments.custom_field_reference_check DEFERRED;
    UPDATE segments.custom_field AS f SET name = new_name WHERE f.name = old_name;
    changed := ARRAY(
        SELECT DISTINCT r.segment_id
        FROM segments.stored_references() AS r
        WHERE r.reference_kind = 'custom_field' AND r.referenced_name = old_name
        ORDER BY 1);
    -- Each changed definition is recalculated (trigger update), with the
    -- same result, since only the name changed.
    UPDATE segments.segment AS s
    SET definition = segments.rename_field_in_definition(s.definition, old_name, new_name)
    WHERE s.segment_id = ANY (changed);
    SET CONSTRAINTS segments.custom_field_reference_check IMMEDIATE;

    RETURN QUERY SELECT unnest(changed);
END
$$;

COMMENT ON FUNCTION segments.rename_custom_field(text, text) IS
    'Renames a custom field and changes the segment definitions that refer to it in the same transaction; returns the ids of those segments.';
