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

-- Unknown segment and unknown customer.
SELECT * FROM segments.explain_membership(999, 1);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM segments.explain_membership(:away, 999);
\echo :LAST_ERROR_SQLSTATE
