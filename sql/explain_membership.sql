-- segments.explain_membership: one row per node, saying whether the customer
-- matched it (with the node's own negate applied), so support can answer
-- "why did this person get (or not get) the message?".
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
\set SHOW_CONTEXT never

INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City Pass', 'pass');
INSERT INTO segments.customer (customer_id, first_name, city, country, created_at) VALUES
    (1, 'Ada', 'Berlin', 'DE', '2025-12-01 00:00+00'),
    (2, 'Ben', 'Paris', 'FR', '2025-12-01 00:00+00'),
    (3, 'Cleo', 'Lyon', 'FR', '2025-12-01 00:00+00'),
    (4, 'Dan', 'Lyon', 'FR', '2025-12-01 00:00+00');
INSERT INTO segments.acquisition (customer_id, item_id, acquired_at, status) VALUES
    (1, 1, '2026-01-10 12:00+00', 'active'),
    (2, 1, '2026-01-10 12:00+00', 'active'),
    (3, 1, '2026-01-10 12:00+00', 'active');

-- Pass holders who live neither in Germany nor in Paris.
INSERT INTO segments.segment (name, definition) VALUES ('Pass holders away from Germany and Paris', '
{"match": "all", "conditions": [
    {"type": "item_purchase", "items": [1]},
    {"match": "any", "negate": true, "conditions": [
        {"type": "location", "country": ["DE"]},
        {"type": "location", "city": ["Paris"]}]}]}');
SELECT segment_id AS away FROM segments.segment WHERE name = 'Pass holders away from Germany and Paris' \gset

-- Cleo (Lyon, with a pass) matches everything that makes her a member.
SELECT path, node->>'type' AS type, node->>'match' AS match, matched
FROM segments.explain_membership(:away, 3, '2026-02-01 00:00+00');
-- Ada is out because she lives in Germany: the negated group is false.
SELECT path, node->>'type' AS type, node->>'match' AS match, matched
FROM segments.explain_membership(:away, 1, '2026-02-01 00:00+00');
-- Ben is out because he lives in Paris.
SELECT path, matched FROM segments.explain_membership(:away, 2, '2026-02-01 00:00+00');
-- Dan is out because he has no pass.
SELECT path, matched FROM segments.explain_membership(:away, 4, '2026-02-01 00:00+00');
-- As of a time before any purchase, nobody holds a pass.
SELECT path, matched FROM segments.explain_membership(:away, 3, '2026-01-01 00:00+00');

-- The node column holds the normalized node, defaults filled in.
SELECT node FROM segments.explain_membership(:away, 3, '2026-02-01 00:00+00')
WHERE path = 'conditions[1].conditions[0]';

-- The root row agrees with the live evaluation for every customer.
SELECT c.customer_id,
       (SELECT matched FROM segments.explain_membership(:away, c.customer_id, '2026-02-01 00:00+00')
        WHERE path = '$') AS explained,
       c.customer_id IN (SELECT * FROM segments.evaluate(s.definition, s.timezone, '2026-02-01 00:00+00')) AS evaluated
FROM segments.customer AS c, segments.segment AS s
WHERE s.segment_id = :away
ORDER BY c.customer_id;

-- The members query moves NOT and drops IS TRUE where that keeps the truth
-- value; the explain query keeps the plain two-valued form. They agree for
-- customers without coordinates or region, under double negation and with
-- the redemption counts that compile to EXISTS.
INSERT INTO segments.customer (customer_id, first_name, region, latitude, longitude, created_at) VALUES
    (11, 'Ada', 'IDF', 48.8566, 2.3522, '2025-12-01 00:00+00'),  -- Paris, 1 check-in
    (12, 'Ben', NULL, NULL, NULL, '2025-12-01 00:00+00'),        -- nowhere, has the pass unused
    (13, 'Cleo', 'ARA', 45.7640, 4.8357, '2025-12-01 00:00+00'), -- Lyon, 392 km away, no pass
    (14, 'Dan', NULL, 48.8600, 2.3400, '2025-12-01 00:00+00'),   -- 1 km from Ada, 2 check-ins
    (15, 'Eve', 'IDF', NULL, NULL, '2025-12-01 00:00+00');       -- nowhere, no pass
INSERT INTO segments.acquisition (acquisition_id, customer_id, item_id, acquired_at) VALUES
    (11, 11, 1, '2026-01-10 12:00+00'), (12, 12, 1, '2026-01-10 12:00+00'),
    (14, 14, 1, '2026-01-10 12:00+00');
INSERT INTO segments.redemption (acquisition_id, customer_id, kind, redeemed_at) VALUES
    (11, 11, 'check_in', '2026-01-11 10:00+00'),
    (14, 14, 'check_in', '2026-01-11 10:00+00'), (14, 14, 'check_in', '2026-01-12 10:00+00');
CREATE TEMPORARY TABLE rewrite_case (name text, definition jsonb);
INSERT INTO rewrite_case VALUES
    ('not near Paris', '{"match": "all", "conditions": [
        {"type": "location", "negate": true, "within": {"latitude": 48.8566, "longitude": 2.3522, "radius_km": 20}}]}'),
    ('neither near Paris nor in IDF', '{"match": "all", "conditions": [
        {"type": "item_purchase", "items": [1], "negate": true},
        {"match": "any", "negate": true, "conditions": [
            {"type": "location", "within": {"latitude": 48.8566, "longitude": 2.3522, "radius_km": 20}},
            {"type": "location", "region": ["idf"]}]}]}'),
    ('near Paris and redeemed', '{"match": "all", "conditions": [
        {"match": "any", "negate": true, "conditions": [
            {"type": "location", "negate": true, "within": {"latitude": 48.8566, "longitude": 2.3522, "radius_km": 20}},
            {"type": "pass_redemptions", "pass": 1, "count": {"at_least": 1}, "negate": true}]}]}'),
    ('near Paris in IDF', '{"match": "all", "conditions": [
        {"type": "location", "within": {"latitude": 48.8566, "longitude": 2.3522, "radius_km": 20}},
        {"type": "location", "region": ["IDF"]}]}'),
    ('never used the pass', '{"match": "any", "conditions": [
        {"type": "pass_redemptions", "pass": 1, "count": {"exactly": 0}}]}'),
    ('not never used the pass', '{"match": "all", "conditions": [
        {"type": "pass_redemptions", "pass": 1, "count": {"exactly": 0}, "negate": true}]}');
INSERT INTO segments.segment (name, definition)
SELECT name, definition FROM rewrite_case;
-- Worked out by hand. Not near Paris are Ben and Eve (no coordinates) and
-- Cleo. Of those without a pass, Cleo is neither near nor in IDF, and Eve is
-- in IDF. Near Paris and redeemed are Ada and Dan, and near Paris in IDF is
-- Ada alone. Ben never used his pass, so everyone else is in its negation.
SELECT s.name,
       array_agg(c.first_name ORDER BY c.customer_id)
           FILTER (WHERE c.customer_id IN (SELECT * FROM segments.evaluate(s.definition, 'UTC', '2026-02-01 00:00+00'))) AS members,
       count(*) FILTER (WHERE (SELECT e.matched FROM segments.explain_membership(s.segment_id, c.customer_id, '2026-02-01 00:00+00') AS e
                                WHERE e.path = '$')
                              IS DISTINCT FROM
                              (c.customer_id IN (SELECT * FROM segments.evaluate(s.definition, 'UTC', '2026-02-01 00:00+00'))))
           AS disagreements
FROM segments.segment AS s
JOIN rewrite_case AS r USING (name)
CROSS JOIN segments.customer AS c
WHERE c.customer_id > 10
GROUP BY s.segment_id, s.name
ORDER BY s.segment_id;

-- Unknown segment and unknown customer.
SELECT * FROM segments.explain_membership(999, 1);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM segments.explain_membership(:away, 999);
\echo :LAST_ERROR_SQLSTATE
