-- promotion_used: an acquisition up to as_of whose promotion code equals one
-- of the codes, ignoring case and surrounding whitespace; any non-blank code
-- when codes is absent; only the listed items when items is given.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
\pset format unaligned
\pset tuples_only on

-- Members at 2026-03-10 12:00 UTC of one promotion_used condition.
CREATE FUNCTION pg_temp.promoted(condition text) RETURNS text LANGUAGE sql
AS $$
    SELECT coalesce(string_agg(m::text, ',' ORDER BY m), 'none')
    FROM segments.evaluate(('{"match": "all", "conditions": [{"type": "promotion_used"' || condition || '}]}')::jsonb,
                           'UTC', '2026-03-10 12:00+00') AS m
$$;

INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City Pass', 'pass'), (2, 'Museum Ticket', 'product');
INSERT INTO segments.customer (customer_id, created_at)
SELECT id, '2025-01-01 00:00+00' FROM generate_series(1, 11) AS id;

INSERT INTO segments.acquisition (customer_id, item_id, acquired_at, status, promotion_code) VALUES
    (1, 1, '2026-01-05 12:00+00', 'active', 'SUMMER24'),
    (2, 2, '2026-01-05 12:00+00', 'active', E' summer24\t'),
    (3, 1, '2026-01-05 12:00+00', 'active', 'WINTER'),
    (4, 1, '2026-01-05 12:00+00', 'active', ''),         -- blank: no code
    (5, 1, '2026-01-05 12:00+00', 'active', '   '),      -- blank: no code
    (6, 1, '2026-01-05 12:00+00', 'active', NULL),
    (8, 1, '2026-03-10 12:00:01+00', 'active', 'summer24'), -- after as_of
    (9, 2, '2026-01-05 12:00+00', 'active', 'Summer24'),
    (9, 1, '2026-01-06 12:00+00', 'refunded', 'VIP'),    -- status does not matter
    (10, 1, '2026-01-05 12:00+00', 'active', 'a"b,c{d}\e'), -- array-literal characters
    (11, 1, '2026-01-05 12:00+00', 'active', 'NULL');    -- the word, not a null
-- 7 has no acquisitions.

-- expect: 1,2,9
SELECT pg_temp.promoted(', "codes": ["summer24"]');
-- expect: 1,2,9
SELECT pg_temp.promoted(', "codes": [" SUMMER24 "]');
-- Any non-blank code.
-- expect: 1,2,3,9,10,11
SELECT pg_temp.promoted('');
-- 9 used SUMMER24 on item 2 and VIP on item 1: neither is SUMMER24 on item 1.
-- expect: 1
SELECT pg_temp.promoted(', "codes": ["summer24"], "items": [1]');
-- expect: 3,9
SELECT pg_temp.promoted(', "codes": ["vip", "Winter"]');
-- expect: 2,9
SELECT pg_temp.promoted(', "items": [2]');
-- expect: 10
SELECT pg_temp.promoted(', "codes": ["A\"B,C{D}\\E"]');
-- expect: 11
SELECT pg_temp.promoted(', "codes": ["null"]');
-- A blank code would match nothing, so the definition is rejected.
-- expect: ERROR:  invalid segment definition: conditions[0].codes[0]: string " " contains only whitespace
-- expect: HINT:  Remove the blank code, or leave out "codes" to match any promotion code.
-- expect: CONTEXT:  SQL function "promoted" statement 1
SELECT pg_temp.promoted(', "codes": [" "]');
-- Everyone who did not use SUMMER24 by as_of, including 7 with no rows.
-- expect: 3,4,5,6,7,8,10,11
SELECT pg_temp.promoted(', "codes": ["summer24"], "negate": true');
