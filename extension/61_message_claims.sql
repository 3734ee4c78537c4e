-- Before a message is sent: recalculating the segment and claiming each
-- recipient once per message.

CREATE TABLE segments.message_claim (
    message_key text NOT NULL CHECK (btrim(message_key) <> ''),
    customer_id bigint NOT NULL REFERENCES segments.customer ON DELETE CASCADE,
    segment_id bigint NOT NULL,
    recalculation_id bigint NOT NULL,
    claimed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_key, customer_id)
);

COMMENT ON TABLE segments.message_claim IS
    'Who has been claimed as a recipient of which message, so that each customer gets a message at most once, however many times and through however many segments it is sent.';
COMMENT ON COLUMN segments.message_claim.message_key IS
    'The caller''s name for the message, for example ''pass-expires-in-30-days''; one claim per customer and key.';
COMMENT ON COLUMN segments.message_claim.customer_id IS 'The recipient.';
COMMENT ON COLUMN segments.message_claim.segment_id IS
    'The segment the recipient was claimed through; kept without a foreign key so claims outlive a deleted segment and it still cannot be sent twice.';
COMMENT ON COLUMN segments.message_claim.recalculation_id IS
    'The run (trigger message) whose membership the claim was made from; kept without a foreign key like segment_id.';
COMMENT ON COLUMN segments.message_claim.claimed_at IS 'When the claiming transaction started.';

CREATE INDEX message_claim_customer_idx ON segments.message_claim (customer_id);

SELECT pg_catalog.pg_extension_config_dump('segments.message_claim', '');

-- Concurrency: recalculate_segment locks the segment row, so two callers with
-- the same segment run one after the other, and the second sees the first's
-- claims once it commits. Callers with different segments that share members
-- meet at the primary key: INSERT ... ON CONFLICT DO NOTHING waits for the
-- other transaction and then skips the customers it claimed (or claims them
-- when it rolled back). Claims are inserted in customer_id order, so two such
-- callers wait on each other in one order and do not deadlock.
CREATE FUNCTION segments.claim_recipients(segment_id bigint, message_key text,
                                          as_of timestamptz DEFAULT now())
RETURNS SETOF bigint
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    run_id bigint;
BEGIN
    IF segment_id IS NULL OR message_key IS NULL OR as_of IS NULL THEN
        RAISE EXCEPTION 'segment_id, message_key and as_of must not be null'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF btrim(message_key) = '' THEN
        RAISE EXCEPTION 'invalid message key "%"', message_key
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The message key names the message; each customer is claimed once per key.',
                  HINT = 'Use a stable name for the message, such as ''pass-expires-in-30-days''.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM segments.segment AS s WHERE s.segment_id = claim_recipients.segment_id) THEN
        RAISE EXCEPTION 'segment % does not exist', segment_id
            USING ERRCODE = 'undefined_object',
                  HINT = 'Check the segment_id against segments.segment.';
    END IF;

    -- The segments this one reads with in_segment (directly or not) are
    -- recalculated first, so the message goes to who matches now.
    PERFORM segments.recalculate_in_order(ARRAY(
        WITH RECURSIVE dependency (segment_id) AS (
            SELECT r.referenced_id
            FROM segments.stored_references() AS r
            WHERE r.segment_id = claim_recipients.segment_id AND r.reference_kind = 'segment'
            UNION
            SELECT r.referenced_id
            FROM segments.stored_references() AS r
            JOIN dependency AS d ON r.segment_id = d.segment_id
            WHERE r.reference_kind = 'segment'
        )
        SELECT d.segment_id FROM dependency AS d), as_of, 'message');
    run_id := segments.recalculate_segment_retrying(segment_id, as_of, 'message');

    RETURN QUERY
        WITH claimed AS (
            INSERT INTO segments.message_claim AS c
                (message_key, customer_id, segment_id, recalculation_id, claimed_at)
            SELECT claim_recipients.message_key, m.customer_id, claim_recipients.segment_id, run_id, now()
            FROM segments.segment_member AS m
            WHERE m.segment_id = claim_recipients.segment_id
            ORDER BY m.customer_id
            ON CONFLICT ON CONSTRAINT message_claim_pkey DO NOTHING
            RETURNING c.customer_id
        )
        SELECT claimed.customer_id FROM claimed ORDER BY claimed.customer_id;
END
$$;

COMMENT ON FUNCTION segments.claim_recipients(bigint, text, timestamptz) IS
    'Recalculates the segment at as_of (trigger message; the segments it reads first), then claims and returns its members not yet claimed for message_key, in customer_id order. A failure raises and claims nobody.';
