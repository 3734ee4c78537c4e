-- location: list filters compare ignoring case and surrounding whitespace;
-- "within" is great-circle distance on a sphere of radius 6371.0087714 km,
-- correct across the antimeridian and over the poles, and backed by the GiST
-- index on segments.earth_point(latitude, longitude). Customers without
-- coordinates are never within any radius.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS segments CASCADE;
CREATE EXTENSION segments CASCADE;
RESET client_min_messages;
\pset format unaligned
\pset tuples_only on

-- Members at 2026-03-10 12:00 UTC of one location condition.
CREATE FUNCTION pg_temp.located(condition text) RETURNS text LANGUAGE sql
AS $$
    SELECT coalesce(string_agg(m::text, ',' ORDER BY m), 'none')
    FROM segments.evaluate(('{"match": "all", "conditions": [{"type": "location", ' || condition || '}]}')::jsonb,
                           'UTC', '2026-03-10 12:00+00') AS m
$$;

-- Distances from (-17, 179.9) by the haversine formula with that radius:
-- (-17, -179.9) 21.27 km across the antimeridian, (-17, 179.5) 42.53 km,
-- (-17, -179.6) 53.17 km. (89.9, 0) to (89.9, 180) is 22.24 km over the pole.
INSERT INTO segments.customer (customer_id, created_at, country, region, city, postal_code, latitude, longitude) VALUES
    (1, '2025-01-01 00:00+00', 'US', 'CO', 'Denver', '80202', 39.7392, -104.9903),
    (2, '2025-01-01 00:00+00', ' us ', 'co', E'denver\n', ' 80202', 40.015, -105.2705),
    (3, '2025-01-01 00:00+00', 'CA', 'ON', 'Toronto', 'M5H 2N2', 43.6532, -79.3832),
    (4, '2025-01-01 00:00+00', NULL, NULL, NULL, NULL, NULL, NULL),
    (5, '2025-01-01 00:00+00', '', '', '', '', NULL, NULL),
    (6, '2025-01-01 00:00+00', 'FJ', NULL, 'Suva', NULL, -17, 179.9),
    (7, '2025-01-01 00:00+00', 'FJ', NULL, NULL, NULL, -17, -179.9),
    (8, '2025-01-01 00:00+00', 'FJ', NULL, NULL, NULL, -17, 179.5),
    (9, '2025-01-01 00:00+00', 'FJ', NULL, NULL, NULL, -17, -179.6),
    (10, '2025-01-01 00:00+00', NULL, NULL, NULL, NULL, 89.9, 0),
    (11, '2025-01-01 00:00+00', NULL, NULL, NULL, NULL, 89.9, 180),
    (12, '2026-03-11 00:00+00', 'US', 'CO', 'Denver', '80202', 39.7392, -104.9903); -- after as_of

-- expect: 1,2
SELECT pg_temp.located('"country": ["us"]');
-- expect: 1,2,3
SELECT pg_temp.located('"country": [" US ", "ca"]');
-- Customers with no country or a blank one are in the complement.
-- expect: 3,4,5,6,7,8,9,10,11
SELECT pg_temp.located('"country": ["US"], "negate": true');
-- expect: 1,2
SELECT pg_temp.located('"city": ["DENVER"]');
-- expect: 1,2
SELECT pg_temp.located('"region": ["Co"]');
-- expect: 1,2
SELECT pg_temp.located('"postal_code": ["80202 "]');
-- expect: 3
SELECT pg_temp.located('"postal_code": ["m5h 2n2"]');

-- Across the antimeridian: 21.27 km is inside 22 km and outside 21 km.
-- expect: 6,7
SELECT pg_temp.located('"within": {"latitude": -17, "longitude": 179.9, "radius_km": 22}');
-- expect: 6
SELECT pg_temp.located('"within": {"latitude": -17, "longitude": 179.9, "radius_km": 21}');
-- expect: 6,7,8
SELECT pg_temp.located('"within": {"latitude": -17, "longitude": 179.9, "radius_km": 50}');
-- From (-17, -179.9) the distances are 0 (7), 21.27 (6), 31.90 (9) and 63.80 km (8).
-- expect: 6,7,9
SELECT pg_temp.located('"within": {"latitude": -17, "longitude": -179.9, "radius_km": 60}');
-- Over the North Pole.
-- expect: 10,11
SELECT pg_temp.located('"within": {"latitude": 89.9, "longitude": 0, "radius_km": 23}');
-- expect: 10
SELECT pg_temp.located('"within": {"latitude": 89.9, "longitude": 0, "radius_km": 22}');
-- Denver to Boulder is 38.89 km.
-- expect: 1,2
SELECT pg_temp.located('"within": {"latitude": 39.7392, "longitude": -104.9903, "radius_km": 40}');
-- expect: 1
SELECT pg_temp.located('"within": {"latitude": 39.7392, "longitude": -104.9903, "radius_km": 38}');
-- The largest radius the format allows, 20037.5 km, is more than half the
-- circumference of this sphere (20015.1 km): every customer with coordinates
-- is inside, and only them.
-- expect: 1,2,3,6,7,8,9,10,11
SELECT pg_temp.located('"within": {"latitude": 0, "longitude": 0, "radius_km": 20037.5}');
-- Customers without coordinates are outside every radius, so they are in
-- the complement.
-- expect: 1,2,3,4,5,8,9,10,11
SELECT pg_temp.located('"within": {"latitude": -17, "longitude": 179.9, "radius_km": 22}, "negate": true');

-- The compiled box test matches the GiST index expression, also with an
-- empty search_path (as in a restore by pg_dump).
CREATE FUNCTION pg_temp.plan_uses(query text, index_name text) RETURNS boolean LANGUAGE plpgsql
AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        IF strpos(line, index_name) > 0 THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END
$$;
SET enable_seqscan = off;
-- expect: t
SELECT pg_temp.plan_uses('SELECT customer_id FROM segments.customer
    WHERE segments.earth_within_box(segments.earth_point(latitude, longitude), segments.earth_box(-17, 179.9, 22))',
    'customer_earth_point_idx');
SET search_path = '';
-- expect: t
SELECT pg_temp.plan_uses('SELECT customer_id FROM segments.customer
    WHERE segments.earth_within_box(segments.earth_point(latitude, longitude), segments.earth_box(-17, 179.9, 22))',
    'customer_earth_point_idx');
-- expect: 6,7
SELECT pg_catalog.string_agg(customer_id::pg_catalog.text, ',' ORDER BY customer_id) FROM segments.customer
WHERE segments.earth_within_box(segments.earth_point(latitude, longitude), segments.earth_box(-17, 179.9, 22))
  AND segments.earth_distance_km(latitude, longitude, -17, 179.9) OPERATOR(pg_catalog.<=) 22;
-- Index inserts evaluate the expression without any search_path. 13 is
-- about 1.5 km from (-17, 179.9).
INSERT INTO segments.customer (customer_id, created_at, latitude, longitude)
VALUES (13, '2025-01-01 00:00+00', -16.99, 179.91);
RESET search_path;
RESET enable_seqscan;
-- expect: 6,7,13
SELECT pg_temp.located('"within": {"latitude": -17, "longitude": 179.9, "radius_km": 22}');
