-- Checks and describes generated demo data (demo/generate.sql):
--   1. every foreign key, which the generator does not check row by row;
--   2. the volumes and shares the generator aims at;
--   3. a fingerprint of each table: two runs with the same scale, seed and
--      reference must print the same fingerprints.
--
--   psql -f demo/check.sql
--
-- Stops with an error when a foreign key is broken.

\set ON_ERROR_STOP on
SET TIME ZONE 'UTC';
SET jit = off;

\echo 'Foreign keys'
CREATE TEMPORARY TABLE demo_foreign_key_check AS
SELECT key, orphans
FROM (VALUES
    ('acquisition.customer_id',
     (SELECT count(*) FROM segments.acquisition AS a
      WHERE NOT EXISTS (SELECT FROM segments.customer AS c WHERE c.customer_id = a.customer_id))),
    ('acquisition.item_id',
     (SELECT count(*) FROM segments.acquisition AS a
      WHERE NOT EXISTS (SELECT FROM segments.item AS i WHERE i.item_id = a.item_id))),
    ('redemption (acquisition_id, customer_id)',
     (SELECT count(*) FROM segments.redemption AS r
      WHERE NOT EXISTS (SELECT FROM segments.acquisition AS a
                        WHERE a.acquisition_id = r.acquisition_id AND a.customer_id = r.customer_id))),
    ('point_event (acquisition_id, customer_id)',
     (SELECT count(*) FROM segments.point_event AS p
      WHERE NOT EXISTS (SELECT FROM segments.acquisition AS a
                        WHERE a.acquisition_id = p.acquisition_id AND a.customer_id = p.customer_id))),
    ('custom_field_value.customer_id',
     (SELECT count(*) FROM segments.custom_field_value AS v
      WHERE NOT EXISTS (SELECT FROM segments.customer AS c WHERE c.customer_id = v.customer_id))),
    ('custom_field_value.field_id',
     (SELECT count(*) FROM segments.custom_field_value AS v
      WHERE NOT EXISTS (SELECT FROM segments.custom_field AS f WHERE f.field_id = v.field_id)))
) AS check_result(key, orphans);
SELECT key AS "foreign key", orphans AS "rows without a parent" FROM demo_foreign_key_check;
DO $$
BEGIN
    IF EXISTS (SELECT FROM demo_foreign_key_check WHERE orphans > 0) THEN
        RAISE EXCEPTION 'generated rows break foreign keys'
            USING HINT = 'See the rows without a parent above.';
    END IF;
END
$$;

\echo 'Volumes'
SELECT c.customers,
       round(a.acquisitions::numeric / c.customers, 2) AS "acquisitions per customer",
       round(r.redemptions::numeric / c.customers, 2) AS "redemptions per customer",
       round(p.point_events::numeric / c.customers, 2) AS "point events per customer",
       round(v.answers::numeric / c.customers, 2) AS "answers per customer"
FROM (SELECT count(*) AS customers FROM segments.customer) AS c,
     (SELECT count(*) AS acquisitions FROM segments.acquisition) AS a,
     (SELECT count(*) AS redemptions FROM segments.redemption) AS r,
     (SELECT count(*) AS point_events FROM segments.point_event) AS p,
     (SELECT count(*) AS answers FROM segments.custom_field_value) AS v;

\echo 'Acquisitions by item kind and status (percent of the kind)'
SELECT i.kind, a.status, count(*) AS acquisitions,
       round(100.0 * count(*) / sum(count(*)) OVER (PARTITION BY i.kind), 1) AS percent
FROM segments.acquisition AS a
JOIN segments.item AS i USING (item_id)
GROUP BY i.kind, a.status
ORDER BY i.kind, acquisitions DESC;

\echo 'Redemptions per holder of the Explorer Pass (item 1)'
SELECT CASE WHEN n = 0 THEN '0' WHEN n <= 5 THEN '1 to 5' WHEN n <= 15 THEN '6 to 15' ELSE 'more than 15' END
           AS redemptions,
       count(*) AS holders,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS percent
FROM (SELECT a.customer_id, count(r.redemption_id) AS n
      FROM segments.acquisition AS a
      LEFT JOIN segments.redemption AS r USING (acquisition_id, customer_id)
      WHERE a.item_id = 1
      GROUP BY a.customer_id) AS holder
GROUP BY 1
ORDER BY min(n);

\echo 'Where customers live'
SELECT CASE WHEN latitude IS NULL THEN 'no coordinates'
            WHEN distance_km < 50 THEN 'within 50 km of Asheville'
            WHEN distance_km < 500 THEN '50 to 500 km'
            WHEN country IN ('US', 'USA', 'United States') THEN 'rest of the US'
            ELSE 'abroad'
       END AS area,
       count(*) AS customers,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS percent
FROM (SELECT latitude, country,
             -- Great-circle distance from downtown Asheville (haversine, Earth radius 6371 km).
             2 * 6371 * asin(sqrt(sin(radians(latitude - 35.5951) / 2) ^ 2
                                  + cos(radians(35.5951)) * cos(radians(latitude))
                                    * sin(radians(longitude + 82.5515) / 2) ^ 2)) AS distance_km
      FROM segments.customer) AS located
GROUP BY 1
ORDER BY customers DESC;

\echo 'Signups per month'
SELECT to_char(date_trunc('month', created_at AT TIME ZONE 'America/New_York'), 'YYYY-MM') AS month,
       count(*) AS signups
FROM segments.customer
GROUP BY 1
ORDER BY 1;

\echo 'Custom field answers'
SELECT f.name, count(v.customer_id) AS answers,
       round(100.0 * count(v.customer_id) / (SELECT count(*) FROM segments.customer), 1)
           AS "percent of customers",
       count(*) FILTER (WHERE btrim(v.value) = '') AS blank,
       count(*) FILTER (WHERE v.value <> btrim(v.value)) AS "with stray whitespace"
FROM segments.custom_field AS f
LEFT JOIN segments.custom_field_value AS v USING (field_id)
GROUP BY f.field_id, f.name
ORDER BY f.field_id;

\echo 'Fingerprints (sum of a 64-bit hash of every row as text, in UTC)'
SELECT 'customer' AS "table", sum(hashtextextended(t::text, 0)::numeric) AS fingerprint
FROM segments.customer AS t
UNION ALL
SELECT 'acquisition', sum(hashtextextended(t::text, 0)::numeric) FROM segments.acquisition AS t
UNION ALL
SELECT 'redemption', sum(hashtextextended(t::text, 0)::numeric) FROM segments.redemption AS t
UNION ALL
SELECT 'point_event', sum(hashtextextended(t::text, 0)::numeric) FROM segments.point_event AS t
UNION ALL
SELECT 'custom_field_value', sum(hashtextextended(t::text, 0)::numeric)
FROM segments.custom_field_value AS t
ORDER BY 1;
