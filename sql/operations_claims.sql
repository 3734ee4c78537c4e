-- Before a message is sent: claim_recipients recalculates the segment and
-- returns its members not yet claimed for the message key, once per customer
-- and key, across days and across segments.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
SET timezone = 'UTC';
SET datestyle = 'ISO';
\set SHOW_CONTEXT never
INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City Pass', 'pass');
INSERT INTO segments.customer (customer_id, first_name, created_at) VALUES
    (1, 'Ada', '2025-01-01 00:00+00'),
    (2, 'Ben', '2025-01-01 00:00+00'),
    (3, 'Cleo', '2025-01-01 00:00+00'),
    (4, 'Dan', '2025-01-01 00:00+00');
-- Passes expiring on July 1st (Ada, Cleo), July 2nd (Ben) and August 1st (Dan).
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at, expires_at) VALUES
    (1, 1, '2025-01-15 10:00+00', '2025-07-01 12:00+00'),
    (2, 1, '2025-01-15 10:00+00', '2025-07-02 12:00+00'),
    (3, 1, '2025-01-15 10:00+00', '2025-07-01 09:00+00'),
    (4, 1, '2025-01-15 10:00+00', '2025-08-01 12:00+00');
SELECT segments.create_segment('Pass expires in 30 days',
    '{"match": "all", "conditions": [{"type": "pass_expiration", "pass": 1, "days_until_expiration": {"exactly": 30}}]}') AS expiring \gset
-- A daily job sends the reminder with one key. June 1st: Ada and Cleo.
SELECT * FROM segments.claim_recipients(:expiring, 'pass-expiry-email', '2025-06-01 10:00+00') AS claimed(customer_id);
-- Sent again the same day: nobody new.
SELECT * FROM segments.claim_recipients(:expiring, 'pass-expiry-email', '2025-06-01 10:00+00') AS claimed(customer_id);
-- June 2nd: Ben. Ada and Cleo have left the segment.
SELECT * FROM segments.claim_recipients(:expiring, 'pass-expiry-email', '2025-06-02 10:00+00') AS claimed(customer_id);
-- Ada renews until July 3rd, so on June 3rd she is in the segment again, and
-- does not get the same reminder twice.
UPDATE segments.acquisition SET expires_at = '2025-07-03 12:00+00' WHERE customer_id = 1;
SELECT * FROM segments.claim_recipients(:expiring, 'pass-expiry-email', '2025-06-03 10:00+00') AS claimed(customer_id);
SELECT customer_id FROM segments.segment_members(:expiring);
-- Another message key is another message.
SELECT * FROM segments.claim_recipients(:expiring, 'pass-expiry-sms', '2025-06-03 10:00+00') AS claimed(customer_id);
-- The key is shared across segments: sending the reminder to all pass holders
-- reaches only Dan.
SELECT segments.create_segment('City pass holders',
    '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}') AS city \gset
SELECT * FROM segments.claim_recipients(:city, 'pass-expiry-email', '2025-06-03 10:00+00') AS claimed(customer_id);
-- Each call recalculated the segment first (trigger message).
SELECT as_of, member_count, joined_count, left_count, outcome
FROM segments.recalculation
WHERE segment_id = :expiring AND trigger = 'message'
ORDER BY recalculation_id;
-- The claims, each with the run whose members it was made from.
SELECT c.message_key, c.customer_id, s.name AS segment
FROM segments.message_claim AS c JOIN segments.segment AS s USING (segment_id)
ORDER BY c.message_key, c.customer_id;
SELECT bool_and(r.trigger = 'message' AND r.segment_id = c.segment_id) AS claims_name_their_run
FROM segments.message_claim AS c JOIN segments.recalculation AS r USING (recalculation_id);
-- A segment read with in_segment is recalculated first: on July 2nd Dan's
-- pass expires in 30 days, and the reader sees him although the stored
-- members of "Pass expires in 30 days" are still those of June 3rd (Ada).
SELECT segments.create_segment('Expiring pass holders, for SMS',
    format('{"match": "all", "conditions": [{"type": "in_segment", "segment": %s}]}', :expiring)::jsonb) AS reader \gset
SELECT * FROM segments.claim_recipients(:reader, 'pass-expiry-push', '2025-07-02 10:00+00') AS claimed(customer_id);
SELECT s.name, r.member_count
FROM segments.recalculation AS r JOIN segments.segment AS s USING (segment_id)
WHERE r.as_of = '2025-07-02 10:00+00'
ORDER BY r.recalculation_id;
-- Bad arguments.
SELECT * FROM segments.claim_recipients(:expiring, '  ');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM segments.claim_recipients(999, 'pass-expiry-email');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM segments.claim_recipients(:expiring, NULL);
\echo :LAST_ERROR_SQLSTATE
