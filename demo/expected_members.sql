-- Compares the stored members of four demo segments (demo/segments.sql) with
-- hand-written SQL for the same question, written from the rules in the
-- README's "Semantics" section, evaluated as of the instant the demo data ends
-- (demo.setting.reference) in America/New_York.
--
--   psql -f demo/expected_members.sql
--
-- Run it after the segments were recalculated as of that instant (scripts/demo.sh
-- does). Prints one row per segment and stops with an error when a stored
-- membership differs from the hand-written one.

\set ON_ERROR_STOP on
SET jit = off;

SELECT reference AS as_of FROM demo.setting \gset

CREATE TEMPORARY TABLE expected_member (segment_name text, customer_id bigint);

-- New signups: an active Explorer Pass acquired on one of the 30 local calendar
-- days ending on the as_of date.
INSERT INTO expected_member
SELECT DISTINCT 'New signups', a.customer_id
FROM segments.acquisition AS a
JOIN segments.customer AS c USING (customer_id)
WHERE a.item_id = 1
  AND a.status = 'active'
  AND (a.expires_at IS NULL OR a.expires_at > :'as_of')
  AND a.acquired_at <= :'as_of'
  AND c.created_at <= :'as_of'
  AND (:'as_of'::timestamptz AT TIME ZONE 'America/New_York')::date
      - (a.acquired_at AT TIME ZONE 'America/New_York')::date < 30;

-- Expires soon: an active Explorer Pass whose local expiry date is 30 days
-- after the local as_of date.
INSERT INTO expected_member
SELECT DISTINCT 'Expires soon', a.customer_id
FROM segments.acquisition AS a
JOIN segments.customer AS c USING (customer_id)
WHERE a.item_id = 1
  AND a.status = 'active'
  AND a.expires_at > :'as_of'
  AND a.acquired_at <= :'as_of'
  AND c.created_at <= :'as_of'
  AND (a.expires_at AT TIME ZONE 'America/New_York')::date
      - (:'as_of'::timestamptz AT TIME ZONE 'America/New_York')::date = 30;

-- No redemptions yet: holds an active Explorer Pass, and none of the
-- customer's active Explorer Passes has a redemption up to as_of.
INSERT INTO expected_member
SELECT 'No redemptions yet', c.customer_id
FROM segments.customer AS c
WHERE c.created_at <= :'as_of'
  AND EXISTS (SELECT FROM segments.acquisition AS a
              WHERE a.customer_id = c.customer_id AND a.item_id = 1 AND a.status = 'active'
                AND (a.expires_at IS NULL OR a.expires_at > :'as_of') AND a.acquired_at <= :'as_of')
  AND NOT EXISTS (SELECT FROM segments.acquisition AS a
                  JOIN segments.redemption AS r USING (acquisition_id, customer_id)
                  WHERE a.customer_id = c.customer_id AND a.item_id = 1 AND a.status = 'active'
                    AND (a.expires_at IS NULL OR a.expires_at > :'as_of')
                    AND a.acquired_at <= :'as_of' AND r.redeemed_at <= :'as_of');

-- Super users: 6 or more redemptions over all the customer's Explorer Passes,
-- whatever their status, and any prize.
INSERT INTO expected_member
SELECT 'Super users', a.customer_id
FROM segments.acquisition AS a
JOIN segments.redemption AS r USING (acquisition_id, customer_id)
JOIN segments.customer AS c USING (customer_id)
WHERE a.item_id = 1
  AND a.acquired_at <= :'as_of'
  AND r.redeemed_at <= :'as_of'
  AND c.created_at <= :'as_of'
GROUP BY a.customer_id
HAVING count(*) > 5
INTERSECT
SELECT 'Super users', a.customer_id
FROM segments.acquisition AS a
WHERE a.item_id IN (21, 22, 23, 24) AND a.acquired_at <= :'as_of';

CREATE TEMPORARY TABLE member_comparison AS
SELECT s.name AS segment,
       s.last_as_of = :'as_of'::timestamptz AS "as of the data's end",
       (SELECT count(*) FROM segments.segment_member AS m WHERE m.segment_id = s.segment_id)
           AS stored,
       (SELECT count(*) FROM expected_member AS e WHERE e.segment_name = s.name) AS "hand-written",
       (SELECT count(*) FROM (SELECT m.customer_id FROM segments.segment_member AS m
                              WHERE m.segment_id = s.segment_id
                              EXCEPT
                              SELECT e.customer_id FROM expected_member AS e
                              WHERE e.segment_name = s.name) AS extra) AS "stored only",
       (SELECT count(*) FROM (SELECT e.customer_id FROM expected_member AS e
                              WHERE e.segment_name = s.name
                              EXCEPT
                              SELECT m.customer_id FROM segments.segment_member AS m
                              WHERE m.segment_id = s.segment_id) AS missing) AS "hand-written only"
FROM segments.segment AS s
WHERE s.name IN ('New signups', 'Expires soon', 'No redemptions yet', 'Super users')
ORDER BY s.segment_id;

SELECT * FROM member_comparison;

DO $$
BEGIN
    IF EXISTS (SELECT FROM member_comparison
               WHERE NOT "as of the data's end" OR "stored only" > 0 OR "hand-written only" > 0) THEN
        RAISE EXCEPTION 'stored membership differs from the hand-written SQL'
            USING HINT = 'Recalculate the segments as of demo.setting.reference, then compare again.';
    END IF;
END
$$;
