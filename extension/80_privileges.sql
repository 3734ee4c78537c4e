-- Least-privilege access for the three kinds of users:
--   * readers (BI tools) see the four views of 70_views.sql and nothing else;
--   * editors manage segments: they read the pass program's data, create,
--     change and delete segments, preview and recalculate them, and export;
--   * the owner (the role that ran CREATE EXTENSION) loads the data.
--
-- The extension creates no roles, because roles belong to the whole cluster,
-- not to one database. CREATE EXTENSION in a second database would find them
-- already there, DROP EXTENSION would leave them behind, and pg_dump of the
-- database would not restore them. Sites also name roles by their own
-- conventions. Instead the owner grants the privileges of a kind to a role of
-- their choosing with segments.grant_reader() or segments.grant_editor().
--
-- No function of the extension is SECURITY DEFINER. Each runs with the
-- privileges of its caller, so no function reads or changes anything the
-- caller could not read or change with plain SQL. That is why functions keep
-- PostgreSQL's default EXECUTE privilege for PUBLIC: a reader who calls
-- segments.evaluate() is stopped by "permission denied for table ...". In
-- particular recalculation evaluates a definition over customer data with the
-- caller's privileges, so defining a segment never reveals data the caller may
-- not SELECT; the price is that editors need write access to the tables a
-- recalculation writes.
--
-- The views are the one place where a role reads what it has no table
-- privilege for: a view runs with its owner's privileges.

-- Raises 42501 unless the caller can grant privileges on the extension's
-- objects. GRANT by any other role only warns that nothing was granted.
CREATE FUNCTION segments.check_owner_privileges()
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    owner oid := (SELECT n.nspowner FROM pg_catalog.pg_namespace AS n
                  WHERE n.nspname = 'segments');
BEGIN
    IF NOT pg_has_role(current_user, owner, 'USAGE') THEN
        RAISE EXCEPTION 'permission denied to grant privileges on schema segments'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = format('Only superusers and role "%s", the owner of the extension''s objects, can grant privileges on them.',
                                  pg_get_userbyid(owner)),
                  HINT = 'Connect as that role, or as a superuser.';
    END IF;
END
$$;

COMMENT ON FUNCTION segments.check_owner_privileges() IS
    'Raises 42501 unless the current user is a superuser or has the privileges of the owner of schema segments.';

-- GRANT and REVOKE take no bound parameters, so the role name is quoted as an
-- identifier by format's %I. A regrole argument names an existing role and can
-- never be PUBLIC.
CREATE FUNCTION segments.grant_reader(grantee regrole)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    role_name name := (SELECT r.rolname FROM pg_catalog.pg_roles AS r WHERE r.oid = grantee);
BEGIN
    PERFORM segments.check_owner_privileges();
    IF role_name IS NULL THEN
        RAISE EXCEPTION 'role must not be null'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA segments TO %I', role_name);
    EXECUTE format('GRANT SELECT ON segments.segment_summary, segments.segment_membership,'
                   ' segments.recalculation_log, segments.membership_changes TO %I', role_name);
END
$$;

COMMENT ON FUNCTION segments.grant_reader(regrole) IS
    'Lets the role read the views segment_summary, segment_membership, recalculation_log and membership_changes, and nothing else of the extension. For BI tools. Only the owner of the extension''s objects or a superuser can call it.';

CREATE FUNCTION segments.grant_editor(grantee regrole)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    role_name name := (SELECT r.rolname FROM pg_catalog.pg_roles AS r WHERE r.oid = grantee);
BEGIN
    PERFORM segments.grant_reader(grantee);
    -- Editors read the data segments are defined over: definitions name items
    -- and custom fields, and evaluate(), preview() and the exports read facts
    -- and contact details with the caller's privileges.
    EXECUTE format('GRANT SELECT ON segments.customer, segments.item, segments.acquisition,'
                   ' segments.redemption, segments.point_event, segments.custom_field,'
                   ' segments.custom_field_value, segments.segment, segments.segment_member,'
                   ' segments.recalculation, segments.membership_change TO %I', role_name);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON segments.segment TO %I', role_name);
    -- A recalculation runs with the caller's privileges and stores its result:
    -- the new membership, who joined and left, the run's record and the
    -- segment's last_* columns (covered by UPDATE on segment above).
    EXECUTE format('GRANT INSERT, DELETE ON segments.segment_member TO %I', role_name);
    -- Deleting a segment deletes its history (segment_after_delete).
    EXECUTE format('GRANT INSERT, DELETE ON segments.membership_change TO %I', role_name);
    EXECUTE format('GRANT INSERT, UPDATE ON segments.recalculation TO %I', role_name);
    -- The reference guards read segment_reference when a segment is deleted,
    -- and claim_recipients records who was claimed for a message.
    EXECUTE format('GRANT SELECT ON segments.segment_reference TO %I', role_name);
    EXECUTE format('GRANT SELECT, INSERT ON segments.message_claim TO %I', role_name);
END
$$;

COMMENT ON FUNCTION segments.grant_editor(regrole) IS
    'Lets the role do what grant_reader allows, read the pass program''s data, create, change and delete segments, and recalculate them. It cannot change customers, items or any other loaded data. Only the owner of the extension''s objects or a superuser can call it.';

CREATE FUNCTION segments.revoke_access(grantee regrole)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    role_name name := (SELECT r.rolname FROM pg_catalog.pg_roles AS r WHERE r.oid = grantee);
BEGIN
    PERFORM segments.check_owner_privileges();
    IF role_name IS NULL THEN
        RAISE EXCEPTION 'role must not be null'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA segments FROM %I', role_name);
    EXECUTE format('REVOKE USAGE ON SCHEMA segments FROM %I', role_name);
END
$$;

COMMENT ON FUNCTION segments.revoke_access(regrole) IS
    'Takes back every privilege on the tables and views of schema segments, and on the schema itself, from the role, as granted by grant_reader or grant_editor. Only the owner of the extension''s objects or a superuser can call it.';

-- Only the owner grants. Other roles would get a 42501 error from the check
-- anyway, but need not see these functions as theirs to call.
REVOKE EXECUTE ON FUNCTION segments.grant_reader(regrole) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION segments.grant_editor(regrole) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION segments.revoke_access(regrole) FROM PUBLIC;
