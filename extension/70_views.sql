-- Views for BI tools (Metabase, Grafana, Superset, spreadsheets over ODBC).
--
-- Their column names are a public contract: new columns may be added at the
-- end, existing ones are never renamed or removed. Every view names the segment
-- in a column called segment_name, so a dashboard filters all of them alike.
--
-- The views run with the privileges of their owner (the role that created the
-- extension), not of the reader: a role granted SELECT on them reads these
-- columns without any privilege on the tables underneath (see
-- segments.grant_reader). The two views that join segments.customer are
-- security barriers. Otherwise the planner could evaluate a reader's own
-- function in WHERE on every customer row before the join, and a function that
-- raises a notice with its argument would show the e-mail addresses of
-- customers in no segment. A barrier lets only leakproof operators (=, <, >=
-- and the like, not LIKE) into the view, so a filter on segment_name still uses
-- the indexes, while ILIKE is applied to the view's rows.
--
-- Joins to segments.segment and segments.customer are LEFT JOINs on foreign
-- keys that always match (segment_member references both), so they return the
-- same rows as inner joins. PostgreSQL removes a LEFT JOIN to a unique key
-- whose columns a query does not read, so "count the members of segment 7"
-- reads only segment_member. A filter on segment_name turns the join back into
-- an inner join, which starts from the unique index on segment.name.

CREATE VIEW segments.segment_summary AS
SELECT
    s.segment_id,
    s.name AS segment_name,
    s.description,
    s.definition ->> 'match' AS match_mode,
    (SELECT pg_catalog.count(*)
     FROM pg_catalog.jsonb_path_query(s.definition, 'strict $.** ? (exists (@.type))'))
        AS condition_count,
    s.timezone,
    s.member_count,
    s.last_calculated_at,
    s.last_as_of,
    s.last_duration,
    s.last_outcome,
    s.last_error,
    s.created_at,
    s.updated_at
FROM segments.segment AS s;

COMMENT ON VIEW segments.segment_summary IS
    'One row per segment: what it is, how big it is, and how its last recalculation went. The definition itself is not shown.';
COMMENT ON COLUMN segments.segment_summary.segment_id IS 'Identifier of the segment.';
COMMENT ON COLUMN segments.segment_summary.segment_name IS 'Unique name of the segment.';
COMMENT ON COLUMN segments.segment_summary.description IS 'What the segment is for, in words.';
COMMENT ON COLUMN segments.segment_summary.match_mode IS
    'How the top-level conditions combine: all (a customer must meet every one) or any (at least one).';
COMMENT ON COLUMN segments.segment_summary.condition_count IS
    'Number of conditions in the definition, counting those inside nested groups and not counting the groups themselves.';
COMMENT ON COLUMN segments.segment_summary.timezone IS
    'Time zone whose calendar days the day-based conditions count in.';
COMMENT ON COLUMN segments.segment_summary.member_count IS
    'Number of members after the last successful recalculation; NULL before the first.';
COMMENT ON COLUMN segments.segment_summary.last_calculated_at IS
    'When the last successful recalculation ran; NULL before the first.';
COMMENT ON COLUMN segments.segment_summary.last_as_of IS
    'The instant the last successful recalculation evaluated the conditions at.';
COMMENT ON COLUMN segments.segment_summary.last_duration IS
    'How long the last recalculation took, whether it succeeded or failed.';
COMMENT ON COLUMN segments.segment_summary.last_outcome IS
    'succeeded or failed: the outcome of the last recalculation; NULL before the first.';
COMMENT ON COLUMN segments.segment_summary.last_error IS
    'Error message of the last recalculation when it failed; NULL after a success.';
COMMENT ON COLUMN segments.segment_summary.created_at IS 'When the segment was created.';
COMMENT ON COLUMN segments.segment_summary.updated_at IS
    'When the name, description, definition or time zone last changed.';

CREATE VIEW segments.segment_membership WITH (security_barrier) AS
SELECT
    m.segment_id,
    s.name AS segment_name,
    m.customer_id,
    c.email,
    c.first_name,
    c.last_name,
    m.joined_at
FROM segments.segment_member AS m
LEFT JOIN segments.segment AS s ON s.segment_id = m.segment_id
LEFT JOIN segments.customer AS c ON c.customer_id = m.customer_id;

COMMENT ON VIEW segments.segment_membership IS
    'One row per member of each segment, as of the segment''s last successful recalculation, with the contact details a campaign needs.';
COMMENT ON COLUMN segments.segment_membership.segment_id IS 'Identifier of the segment.';
COMMENT ON COLUMN segments.segment_membership.segment_name IS 'Name of the segment.';
COMMENT ON COLUMN segments.segment_membership.customer_id IS 'Identifier of the member.';
COMMENT ON COLUMN segments.segment_membership.email IS 'E-mail address of the member.';
COMMENT ON COLUMN segments.segment_membership.first_name IS 'Given name of the member.';
COMMENT ON COLUMN segments.segment_membership.last_name IS 'Family name of the member.';
COMMENT ON COLUMN segments.segment_membership.joined_at IS
    'When the recalculation that added the member ran; it stays the same while the customer remains a member.';

CREATE VIEW segments.recalculation_log AS
SELECT
    r.recalculation_id,
    r.segment_id,
    s.name AS segment_name,
    r.trigger,
    r.as_of,
    r.started_at,
    r.duration,
    r.member_count,
    r.joined_count,
    r.left_count,
    r.outcome,
    r.error
FROM segments.recalculation AS r
LEFT JOIN segments.segment AS s ON s.segment_id = r.segment_id;

COMMENT ON VIEW segments.recalculation_log IS
    'One row per recalculation run of a segment, failed runs included.';
COMMENT ON COLUMN segments.recalculation_log.recalculation_id IS 'Identifier of the run.';
COMMENT ON COLUMN segments.recalculation_log.segment_id IS 'Identifier of the segment recalculated.';
COMMENT ON COLUMN segments.recalculation_log.segment_name IS 'Name of the segment recalculated.';
COMMENT ON COLUMN segments.recalculation_log.trigger IS
    'What started the run: create, update, manual, schedule or message.';
COMMENT ON COLUMN segments.recalculation_log.as_of IS 'The instant the conditions were evaluated at.';
COMMENT ON COLUMN segments.recalculation_log.started_at IS 'When the run started (wall clock).';
COMMENT ON COLUMN segments.recalculation_log.duration IS 'How long the run took.';
COMMENT ON COLUMN segments.recalculation_log.member_count IS 'Members after the run; NULL when it failed.';
COMMENT ON COLUMN segments.recalculation_log.joined_count IS 'Customers who became members in this run.';
COMMENT ON COLUMN segments.recalculation_log.left_count IS 'Customers who stopped being members in this run.';
COMMENT ON COLUMN segments.recalculation_log.outcome IS 'succeeded or failed.';
COMMENT ON COLUMN segments.recalculation_log.error IS 'Error message of a failed run; NULL when it succeeded.';

-- A change outlives the customer it names (membership_change keeps no foreign
-- key to customer), so the contact columns are NULL for a deleted customer.
CREATE VIEW segments.membership_changes WITH (security_barrier) AS
SELECT
    h.change_id,
    h.recalculation_id,
    h.segment_id,
    s.name AS segment_name,
    h.customer_id,
    c.email,
    c.first_name,
    c.last_name,
    h.change,
    h.changed_at
FROM segments.membership_change AS h
LEFT JOIN segments.segment AS s ON s.segment_id = h.segment_id
LEFT JOIN segments.customer AS c ON c.customer_id = h.customer_id;

COMMENT ON VIEW segments.membership_changes IS
    'Who joined or left which segment in which recalculation run.';
COMMENT ON COLUMN segments.membership_changes.change_id IS
    'Identifier of the change; increases with every change recorded.';
COMMENT ON COLUMN segments.membership_changes.recalculation_id IS 'The run that made the change.';
COMMENT ON COLUMN segments.membership_changes.segment_id IS 'Identifier of the segment.';
COMMENT ON COLUMN segments.membership_changes.segment_name IS 'Name of the segment.';
COMMENT ON COLUMN segments.membership_changes.customer_id IS 'The customer who joined or left.';
COMMENT ON COLUMN segments.membership_changes.email IS
    'E-mail address of the customer; NULL when the customer has since been deleted.';
COMMENT ON COLUMN segments.membership_changes.first_name IS
    'Given name of the customer; NULL when the customer has since been deleted.';
COMMENT ON COLUMN segments.membership_changes.last_name IS
    'Family name of the customer; NULL when the customer has since been deleted.';
COMMENT ON COLUMN segments.membership_changes.change IS 'joined or left.';
COMMENT ON COLUMN segments.membership_changes.changed_at IS 'When the run that made the change ran.';
