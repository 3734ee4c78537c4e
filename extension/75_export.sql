-- Exporting a segment's members with their contact details and custom field
-- answers, for campaign staff who download a CSV file.
--
-- Two shapes, because a function's result columns are fixed when it is created
-- while the custom fields are rows in segments.custom_field:
--   * segments.export_rows(): fixed columns, the answers in one jsonb column
--     custom_fields. For SQL: refine it with WHERE and joins, or \copy it.
--   * segments.export_query() and segments.export_csv(): the spreadsheet
--     shape, the same fixed columns followed by one column per custom field,
--     headed by the field's name. export_query() builds that query when it is
--     called, so it always has the current fields.
--
-- Every function here runs with the caller's privileges: the caller needs
-- SELECT on the member, customer and custom field tables, and export_csv()
-- needs the right to write files on the server as well.

CREATE FUNCTION segments.check_segment_exists(segment_id bigint)
RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF segment_id IS NULL THEN
        RAISE EXCEPTION 'segment_id must not be null'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'List the segments with: SELECT segment_id, segment_name FROM segments.segment_summary;';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM segments.segment AS s WHERE s.segment_id = check_segment_exists.segment_id) THEN
        RAISE EXCEPTION 'segment % does not exist', segment_id
            USING ERRCODE = 'undefined_object',
                  HINT = 'List the segments with: SELECT segment_id, segment_name FROM segments.segment_summary;';
    END IF;
    RETURN true;
END
$$;

COMMENT ON FUNCTION segments.check_segment_exists(bigint) IS
    'Returns true when a segment with this id exists; raises 42704 when none does and 22004 when the id is NULL.';

-- OWASP's CSV Injection page lists the first characters that make a
-- spreadsheet read a cell as a formula: = + - @, tab and carriage return. Its
-- remedy is a leading single quote, which makes the spreadsheet read the cell
-- as text. The function is SQL and not STRICT so that PostgreSQL inlines it
-- into the export query: a STRICT SQL function is inlined only when its body
-- is provably strict.
CREATE FUNCTION segments.neutralize_formula(value text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN pg_catalog.left(value, 1) IN ('=', '+', '-', '@', E'\t', E'\r')
                THEN '''' || value
                ELSE value
           END
$$;

COMMENT ON FUNCTION segments.neutralize_formula(text) IS
    'Returns the value with a single quote in front when it starts with =, +, -, @, a tab or a carriage return, so that a spreadsheet shows it as text instead of running it as a formula; other values and NULL are returned unchanged.';

-- A SQL function with one SELECT, and neither STRICT, VOLATILE, SECURITY
-- DEFINER nor with a SET clause, so PostgreSQL inlines it into the calling
-- query. The rows then stream from the executor to COPY or to the client
-- instead of being collected in a tuplestore first. Inlined code runs with the
-- caller's search_path, hence every table and function is schema-qualified.
-- check_segment_exists() reads no column, so the planner makes it a one-time
-- filter, evaluated once before the first row: an unknown id raises instead of
-- returning no rows. A NULL id returns no rows without the check, because the
-- planner folds "m.segment_id = NULL" to false first.
CREATE FUNCTION segments.export_rows(segment_id bigint, neutralize_formulas boolean DEFAULT false)
RETURNS TABLE (
    customer_id bigint,
    email text,
    first_name text,
    last_name text,
    phone text,
    city text,
    region text,
    country text,
    postal_code text,
    joined_at timestamptz,
    custom_fields jsonb
)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT
        m.customer_id,
        CASE WHEN export_rows.neutralize_formulas THEN segments.neutralize_formula(c.email) ELSE c.email END,
        CASE WHEN export_rows.neutralize_formulas THEN segments.neutralize_formula(c.first_name) ELSE c.first_name END,
        CASE WHEN export_rows.neutralize_formulas THEN segments.neutralize_formula(c.last_name) ELSE c.last_name END,
        CASE WHEN export_rows.neutralize_formulas THEN segments.neutralize_formula(c.phone) ELSE c.phone END,
        CASE WHEN export_rows.neutralize_formulas THEN segments.neutralize_formula(c.city) ELSE c.city END,
        CASE WHEN export_rows.neutralize_formulas THEN segments.neutralize_formula(c.region) ELSE c.region END,
        CASE WHEN export_rows.neutralize_formulas THEN segments.neutralize_formula(c.country) ELSE c.country END,
        CASE WHEN export_rows.neutralize_formulas THEN segments.neutralize_formula(c.postal_code) ELSE c.postal_code END,
        m.joined_at,
        coalesce(answers.custom_fields, '{}'::jsonb)
    FROM segments.segment_member AS m
    JOIN segments.customer AS c ON c.customer_id = m.customer_id
    CROSS JOIN LATERAL (
        SELECT pg_catalog.jsonb_object_agg(
                   f.name,
                   CASE WHEN export_rows.neutralize_formulas THEN segments.neutralize_formula(v.value) ELSE v.value END)
               AS custom_fields
        FROM segments.custom_field_value AS v
        JOIN segments.custom_field AS f ON f.field_id = v.field_id
        WHERE v.customer_id = m.customer_id
          AND v.value IS NOT NULL
    ) AS answers
    WHERE m.segment_id = export_rows.segment_id
      AND segments.check_segment_exists(export_rows.segment_id)
    ORDER BY m.customer_id
$$;

COMMENT ON FUNCTION segments.export_rows(bigint, boolean) IS
    'Returns one row per member of the segment, ordered by customer_id: contact details, joined_at, and custom_fields, a jsonb object from field name to answer holding the answers that are not NULL. With neutralize_formulas, every text value (answers included) that starts with =, +, -, @, a tab or a carriage return gets a leading single quote. Raises 42704 for an unknown segment; a NULL segment_id gives no rows.';

-- Builds the spreadsheet shape of an export. COPY takes no bound parameters,
-- so the statement is text. The segment id is a bigint printed by format's %s.
-- Each field name appears twice: as a string literal quoted by %L (the jsonb
-- key) and as a column alias quoted by %I (the CSV header). quote_literal and
-- quote_ident, which %L and %I call, double every quote and backslash they
-- need to.
CREATE FUNCTION segments.export_query(segment_id bigint, neutralize_formulas boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- PostgreSQL truncates longer identifiers (NAMEDATALEN - 1 bytes).
    max_label_bytes CONSTANT integer := 63;
    neutralize CONSTANT boolean := coalesce(neutralize_formulas, false);
    labels text[] := ARRAY['customer_id', 'email', 'first_name', 'last_name', 'phone', 'city',
                           'region', 'country', 'postal_code', 'joined_at'];
    select_list text := 'e.customer_id, e.email, e.first_name, e.last_name, e.phone, e.city,'
                        ' e.region, e.country, e.postal_code, e.joined_at';
    field record;
    label text;
BEGIN
    PERFORM segments.check_segment_exists(segment_id);
    FOR field IN
        SELECT f.field_id, f.name FROM segments.custom_field AS f ORDER BY f.field_id
    LOOP
        label := CASE WHEN neutralize THEN segments.neutralize_formula(field.name) ELSE field.name END;
        IF octet_length(label) > max_label_bytes OR label = ANY (labels) THEN
            label := segments.export_column_label(label, field.field_id, labels, max_label_bytes);
        END IF;
        labels := labels || label;
        select_list := select_list || format(', e.custom_fields ->> %L AS %I', field.name, label);
    END LOOP;
    RETURN format('SELECT %s FROM segments.export_rows(%s, %L) AS e',
                  select_list, segment_id, neutralize);
END
$$;

COMMENT ON FUNCTION segments.export_query(bigint, boolean) IS
    'Returns a SELECT statement giving the columns of segments.export_rows() with custom_fields spread into one text column per custom field, in field_id order, headed by the field''s name; for COPY and psql''s \g. Raises 42704 for an unknown segment.';

-- A field name that is too long for an identifier, or equal to an earlier
-- column's header, becomes "<name, shortened> (field <id>)". If that header is
-- taken too, a counter follows the id.
CREATE FUNCTION segments.export_column_label(field_name text, field_id bigint, taken text[],
                                             max_bytes integer)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    suffix text := format(' (field %s)', field_id);
    stem text;
    attempt integer := 1;
BEGIN
    LOOP
        -- left() counts characters, so drop more until the bytes fit.
        stem := left(field_name, max_bytes - octet_length(suffix));
        WHILE octet_length(stem) > max_bytes - octet_length(suffix) LOOP
            stem := left(stem, -1);
        END LOOP;
        IF NOT (stem || suffix) = ANY (taken) THEN
            RETURN stem || suffix;
        END IF;
        attempt := attempt + 1;
        suffix := format(' (field %s, %s)', field_id, attempt);
    END LOOP;
END
$$;

COMMENT ON FUNCTION segments.export_column_label(text, bigint, text[], integer) IS
    'Returns the CSV header for a custom field whose name is longer than max_bytes or already in taken: the name shortened to fit, followed by " (field <field_id>)".';

CREATE FUNCTION segments.export_csv(segment_id bigint, path text,
                                    neutralize_formulas boolean DEFAULT false)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    written bigint;
BEGIN
    -- COPY would reject the call too, but without saying how to export
    -- instead. This function is not SECURITY DEFINER, so current_user is the
    -- caller.
    IF NOT pg_has_role(current_user, 'pg_write_server_files', 'USAGE') THEN
        RAISE EXCEPTION 'permission denied to export segment % to a file on the database server', segment_id
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Only superusers and roles with the privileges of pg_write_server_files can write files on the database server.',
                  HINT = format('Export to a file on the client instead, with psql: \copy (SELECT * FROM segments.export_rows(%s)) TO ''segment-%s.csv'' WITH (FORMAT csv, HEADER)',
                                coalesce(segment_id::text, 'ID'), coalesce(segment_id::text, 'ID'));
    END IF;
    IF path IS NULL THEN
        RAISE EXCEPTION 'path must not be null'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Give the absolute path of the file to write on the database server, such as /tmp/segment.csv.';
    END IF;
    IF left(path, 1) <> '/' THEN
        RAISE EXCEPTION 'export path "%" is not absolute', path
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Give the absolute path of the file to write on the database server, such as /tmp/segment.csv.';
    END IF;

    -- COPY cannot take its file name as a bound parameter, so the path is
    -- quoted as a string literal by format's %L. ENCODING is fixed because
    -- COPY TO a file otherwise writes in the session's client_encoding.
    EXECUTE format('COPY (%s) TO %L WITH (FORMAT csv, HEADER, ENCODING ''UTF8'')',
                   segments.export_query(segment_id, neutralize_formulas), path);
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END
$$;

COMMENT ON FUNCTION segments.export_csv(bigint, text, boolean) IS
    'Writes the members of the segment to a UTF-8 CSV file on the database server, with a header and one row per member in the shape of segments.export_query(), and returns the number of members written. Only for superusers and roles with the privileges of pg_write_server_files (42501 for others); path must be absolute and writable by the server''s operating system user.';
