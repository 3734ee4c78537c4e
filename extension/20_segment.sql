-- Segment definitions, their stored membership, and the record of every run.

CREATE TABLE segments.segment (
    segment_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
    description text,
    definition jsonb NOT NULL,
    timezone text NOT NULL DEFAULT 'UTC',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    member_count bigint,
    last_calculated_at timestamptz,
    last_as_of timestamptz,
    last_duration interval,
    last_outcome text CHECK (last_outcome IN ('succeeded', 'failed')),
    last_error text
);

COMMENT ON TABLE segments.segment IS
    'A named group of passholders defined by a tree of conditions, with the state of its last recalculation.';
COMMENT ON COLUMN segments.segment.segment_id IS 'Identifier of the segment.';
COMMENT ON COLUMN segments.segment.name IS 'Unique display name.';
COMMENT ON COLUMN segments.segment.description IS 'What the segment is for, in words.';
COMMENT ON COLUMN segments.segment.definition IS
    'The condition tree, validated and stored in normalized form (see segments.validate_definition).';
COMMENT ON COLUMN segments.segment.timezone IS
    'Time zone whose calendar days the day-based conditions count in; a name from pg_timezone_names.';
COMMENT ON COLUMN segments.segment.created_at IS 'When the segment was created.';
COMMENT ON COLUMN segments.segment.updated_at IS 'When the segment row was last changed.';
COMMENT ON COLUMN segments.segment.member_count IS
    'Number of members after the last successful recalculation; NULL before the first.';
COMMENT ON COLUMN segments.segment.last_calculated_at IS 'When the last successful recalculation ran.';
COMMENT ON COLUMN segments.segment.last_as_of IS 'The as_of instant of the last successful recalculation.';
COMMENT ON COLUMN segments.segment.last_duration IS 'How long the last recalculation took, failed or not.';
COMMENT ON COLUMN segments.segment.last_outcome IS 'succeeded or failed: the outcome of the last recalculation.';
COMMENT ON COLUMN segments.segment.last_error IS
    'Error message of the last recalculation when it failed; NULL after a success.';

-- segment_member and membership_change refer to their segment and run without
-- foreign keys. A key is checked once per inserted row, and a first
-- calculation inserts every member twice: for 474,488 members at 1,000,000
-- customers the three checks took 6.5 s of 16.2 s. Recalculation, the writer
-- of these rows, holds the segment's row lock, so the segment and its new run
-- exist while it writes. segment_after_delete and recalculation_after_delete
-- below delete the rows of what is deleted, as ON DELETE CASCADE did. The key
-- to segments.customer stays: a recalculation that adds a customer deleted
-- meanwhile must fail and run again (recalculate_segment_retrying).
-- NOTE: PostgreSQL queues that key's check for every inserted row until the
-- statement ends. A run's memory therefore grows with the joining members,
-- by 6.3 MB of AfterTriggerEvents for 474,488 of them (read with
-- pg_log_backend_memory_contexts() during a run).
CREATE TABLE segments.segment_member (
    segment_id bigint NOT NULL,
    customer_id bigint NOT NULL REFERENCES segments.customer ON DELETE CASCADE,
    joined_at timestamptz NOT NULL,
    PRIMARY KEY (segment_id, customer_id)
);

COMMENT ON TABLE segments.segment_member IS
    'Current members of each segment, as of its last successful recalculation.';
COMMENT ON COLUMN segments.segment_member.segment_id IS 'The segment.';
COMMENT ON COLUMN segments.segment_member.customer_id IS 'A member of it.';
COMMENT ON COLUMN segments.segment_member.joined_at IS
    'When the recalculation that added this member ran; kept while the customer stays a member.';

CREATE INDEX segment_member_customer_idx ON segments.segment_member (customer_id);

CREATE TABLE segments.recalculation (
    recalculation_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    segment_id bigint NOT NULL REFERENCES segments.segment ON DELETE CASCADE,
    trigger text NOT NULL CHECK (trigger IN ('create', 'update', 'manual', 'schedule', 'message')),
    as_of timestamptz NOT NULL,
    started_at timestamptz NOT NULL,
    duration interval NOT NULL,
    member_count bigint,
    joined_count bigint,
    left_count bigint,
    outcome text NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
    error text,
    CONSTRAINT recalculation_result_check CHECK (
        (outcome = 'succeeded' AND error IS NULL AND member_count IS NOT NULL)
        OR (outcome = 'failed' AND error IS NOT NULL))
);

COMMENT ON TABLE segments.recalculation IS 'One row per recalculation run of a segment, failed runs included.';
COMMENT ON COLUMN segments.recalculation.recalculation_id IS 'Identifier of the run.';
COMMENT ON COLUMN segments.recalculation.segment_id IS 'The segment recalculated.';
COMMENT ON COLUMN segments.recalculation.trigger IS
    'What started the run: create, update, manual, schedule or message.';
COMMENT ON COLUMN segments.recalculation.as_of IS 'The instant the conditions were evaluated at.';
COMMENT ON COLUMN segments.recalculation.started_at IS 'When the run started (wall clock).';
COMMENT ON COLUMN segments.recalculation.duration IS 'How long the run took.';
COMMENT ON COLUMN segments.recalculation.member_count IS 'Members after the run; NULL when it failed.';
COMMENT ON COLUMN segments.recalculation.joined_count IS 'Customers who became members in this run.';
COMMENT ON COLUMN segments.recalculation.left_count IS 'Customers who stopped being members in this run.';
COMMENT ON COLUMN segments.recalculation.outcome IS 'succeeded or failed.';
COMMENT ON COLUMN segments.recalculation.error IS 'Error message of a failed run.';

CREATE INDEX recalculation_segment_started_idx
    ON segments.recalculation (segment_id, started_at DESC);

CREATE TABLE segments.membership_change (
    change_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recalculation_id bigint,
    segment_id bigint NOT NULL,
    customer_id bigint NOT NULL,
    change text NOT NULL CHECK (change IN ('joined', 'left')),
    changed_at timestamptz NOT NULL,
    -- Only a customer's deletion makes a change outside a run, and it is a leave.
    CONSTRAINT membership_change_run_check CHECK (recalculation_id IS NOT NULL OR change = 'left')
);

COMMENT ON TABLE segments.membership_change IS
    'Who joined or left which segment in which run, so that a welcome message can go to new members only.';
COMMENT ON COLUMN segments.membership_change.change_id IS 'Identifier of the change.';
COMMENT ON COLUMN segments.membership_change.recalculation_id IS
    'The run that made the change; NULL when the customer left because the customer was deleted.';
COMMENT ON COLUMN segments.membership_change.segment_id IS 'The segment.';
COMMENT ON COLUMN segments.membership_change.customer_id IS
    'The customer who joined or left; kept without a foreign key so the history outlives deleted customers.';
COMMENT ON COLUMN segments.membership_change.change IS 'joined or left.';
COMMENT ON COLUMN segments.membership_change.changed_at IS
    'When the run that made the change started, or when the customer was deleted.';

-- A deleted customer leaves every segment at once: the leave is recorded and
-- the member counts stay equal to the stored rows until the next run.
CREATE FUNCTION segments.customer_before_delete()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    WITH removed AS (
        DELETE FROM segments.segment_member AS m
        WHERE m.customer_id = OLD.customer_id
        RETURNING m.segment_id
    ), logged AS (
        INSERT INTO segments.membership_change (segment_id, customer_id, change, changed_at)
        SELECT removed.segment_id, OLD.customer_id, 'left', now() FROM removed
    )
    UPDATE segments.segment AS s
    SET member_count = s.member_count - 1
    FROM removed
    WHERE s.segment_id = removed.segment_id;
    RETURN OLD;
END
$$;

COMMENT ON FUNCTION segments.customer_before_delete() IS
    'Trigger function: removes a deleted customer from every segment, records the leaves and lowers the member counts.';

CREATE TRIGGER customer_before_delete
    BEFORE DELETE ON segments.customer
    FOR EACH ROW EXECUTE FUNCTION segments.customer_before_delete();

-- What ON DELETE CASCADE would do for segment_member and membership_change.
CREATE FUNCTION segments.segment_after_delete()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    DELETE FROM segments.segment_member AS m
    USING deleted_segments AS d
    WHERE m.segment_id = d.segment_id;
    DELETE FROM segments.membership_change AS h
    USING deleted_segments AS d
    WHERE h.segment_id = d.segment_id;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION segments.segment_after_delete() IS
    'Trigger function: deletes the members and the membership history of deleted segments.';

CREATE TRIGGER segment_after_delete
    AFTER DELETE ON segments.segment
    REFERENCING OLD TABLE AS deleted_segments
    FOR EACH STATEMENT EXECUTE FUNCTION segments.segment_after_delete();

CREATE FUNCTION segments.recalculation_after_delete()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    DELETE FROM segments.membership_change AS h
    USING deleted_runs AS d
    WHERE h.recalculation_id = d.recalculation_id;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION segments.recalculation_after_delete() IS
    'Trigger function: deletes the membership changes that deleted runs made.';

CREATE TRIGGER recalculation_after_delete
    AFTER DELETE ON segments.recalculation
    REFERENCING OLD TABLE AS deleted_runs
    FOR EACH STATEMENT EXECUTE FUNCTION segments.recalculation_after_delete();

-- TRUNCATE fires no delete triggers. TRUNCATE segments.segment needs CASCADE
-- for the key from segments.recalculation; this empties the other two as well.
CREATE FUNCTION segments.segment_after_truncate()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    TRUNCATE segments.segment_member, segments.membership_change;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION segments.segment_after_truncate() IS
    'Trigger function: empties segment_member and membership_change when segments.segment is truncated.';

CREATE TRIGGER segment_after_truncate
    AFTER TRUNCATE ON segments.segment
    FOR EACH STATEMENT EXECUTE FUNCTION segments.segment_after_truncate();

CREATE INDEX membership_change_recalculation_idx ON segments.membership_change (recalculation_id);
CREATE INDEX membership_change_segment_idx ON segments.membership_change (segment_id, changed_at);
CREATE INDEX membership_change_customer_idx ON segments.membership_change (customer_id);

SELECT pg_catalog.pg_extension_config_dump('segments.segment', '');
SELECT pg_catalog.pg_extension_config_dump('segments.segment_member', '');
SELECT pg_catalog.pg_extension_config_dump('segments.recalculation', '');
SELECT pg_catalog.pg_extension_config_dump('segments.membership_change', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('segments.segment', 'segment_id')::regclass, '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('segments.recalculation', 'recalculation_id')::regclass, '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('segments.membership_change', 'change_id')::regclass, '');
