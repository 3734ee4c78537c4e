-- Query shapes compared for bench/explain/NOTES.md, on the data of
-- scratch_data.sql with the indexes of extension/10_data_model.sql and
-- extension/45_compiler_indexes.sql. as_of is 2026-03-10 12:00 UTC and the time
-- zone America/New_York. The compiled shapes are written out as the compiler
-- emits them (build/print_queries), with the parameters as constants, because
-- SPI_execute_with_args plans with the parameter values.
--   bench/explain/run_shapes.sh   (runs this file three times, prints medians)
\set as_of '''2026-03-10 12:00+00''::timestamptz'
\set tz '''America/New_York''::text'

-- A SQL twin of segments.normalized_text, for comparing with the C version.
CREATE OR REPLACE FUNCTION pg_temp.normalized_text_sql(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT nullif(lower(btrim(value, E' \t\n\r\f\v')), '') $$;
-- A SQL twin of segments.field_number: a regular expression guards the cast.
CREATE OR REPLACE FUNCTION pg_temp.field_number_sql(value text) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT CASE WHEN length(value) <= 1000
        AND btrim(value, E' \t\n\r\f\v') ~ '^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]{1,3})?$'
        THEN btrim(value, E' \t\n\r\f\v')::numeric END
$$;

\echo ==== negation: NOT EXISTS (compiled)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND NOT EXISTS (SELECT FROM segments.acquisition a
                  WHERE a.customer_id = c.customer_id AND a.item_id = 3 AND a.acquired_at <= :as_of);
\echo ==== negation: NOT IN
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND c.customer_id NOT IN (SELECT a.customer_id FROM segments.acquisition a
                            WHERE a.item_id = 3 AND a.acquired_at <= :as_of);
\echo ==== negation: NOT IN over two items, plan only (the hashed subplan no longer fits in hash_mem)
EXPLAIN (COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND c.customer_id NOT IN (SELECT a.customer_id FROM segments.acquisition a
                            WHERE a.item_id IN (2, 3) AND a.acquired_at <= :as_of);
\echo ==== negation: EXCEPT
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c WHERE c.created_at <= :as_of
EXCEPT
SELECT a.customer_id FROM segments.acquisition a WHERE a.item_id = 3 AND a.acquired_at <= :as_of;

\echo ==== custom_field equals: EXISTS, C reader (compiled)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND EXISTS (SELECT FROM segments.custom_field_value v
              WHERE v.customer_id = c.customer_id
                AND v.field_id = (SELECT f.field_id FROM segments.custom_field f WHERE f.name = 'favorite_activity')
                AND segments.normalized_text(v.value) = segments.normalized_text('Hiking'));
\echo ==== custom_field equals: EXISTS, SQL reader
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND EXISTS (SELECT FROM segments.custom_field_value v
              WHERE v.customer_id = c.customer_id
                AND v.field_id = (SELECT f.field_id FROM segments.custom_field f WHERE f.name = 'favorite_activity')
                AND pg_temp.normalized_text_sql(v.value) = pg_temp.normalized_text_sql('Hiking'));
\echo ==== custom_field equals: IN, C reader
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND c.customer_id IN (SELECT v.customer_id FROM segments.custom_field_value v
              WHERE v.field_id = (SELECT f.field_id FROM segments.custom_field f WHERE f.name = 'favorite_activity')
                AND segments.normalized_text(v.value) = segments.normalized_text('Hiking'));
\echo ==== custom_field equals a rare answer: EXISTS, expression index (compiled)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND EXISTS (SELECT FROM segments.custom_field_value v
              WHERE v.customer_id = c.customer_id
                AND v.field_id = (SELECT f.field_id FROM segments.custom_field f WHERE f.name = 'home_town')
                AND segments.normalized_text(v.value) = segments.normalized_text('Town 7'));
\echo ==== custom_field equals a rare answer: join to custom_field by name
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND EXISTS (SELECT FROM segments.custom_field_value v JOIN segments.custom_field f ON f.field_id = v.field_id
              WHERE v.customer_id = c.customer_id AND f.name = 'home_town'
                AND segments.normalized_text(v.value) = segments.normalized_text('Town 7'));
\echo ==== custom_field not_equals: NOT EXISTS (compiled)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND NOT EXISTS (SELECT FROM segments.custom_field_value v
              WHERE v.customer_id = c.customer_id
                AND v.field_id = (SELECT f.field_id FROM segments.custom_field f WHERE f.name = 'favorite_activity')
                AND segments.normalized_text(v.value) = segments.normalized_text('Hiking'));
\echo ==== number reader: C field_number over one field
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT count(*) FROM segments.custom_field_value v WHERE v.field_id = 2 AND segments.field_number(v.value) > 40;
\echo ==== number reader: SQL field_number (regular expression) over one field
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT count(*) FROM segments.custom_field_value v WHERE v.field_id = 2 AND pg_temp.field_number_sql(v.value) > 40;

\echo ==== item_purchase less_than 30: exact local date + widened range (compiled)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND EXISTS (SELECT FROM segments.acquisition a
              WHERE a.customer_id = c.customer_id AND a.item_id = 3 AND a.acquired_at <= :as_of
                AND ((:as_of AT TIME ZONE :tz)::date - (a.acquired_at AT TIME ZONE :tz)::date) < 30
                AND a.acquired_at >= (((:as_of AT TIME ZONE :tz)::date - (30 - 1))::timestamp AT TIME ZONE :tz) - interval '24 hours');
\echo ==== item_purchase less_than 30: exact local date only
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND EXISTS (SELECT FROM segments.acquisition a
              WHERE a.customer_id = c.customer_id AND a.item_id = 3 AND a.acquired_at <= :as_of
                AND ((:as_of AT TIME ZONE :tz)::date - (a.acquired_at AT TIME ZONE :tz)::date) < 30);

\echo ==== pass_redemptions > 5: LATERAL count per acquisition (compiled)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of AND EXISTS (SELECT FROM (
    SELECT a.customer_id FROM segments.acquisition a
    CROSS JOIN LATERAL (SELECT count(*) AS total FROM segments.redemption r
        WHERE r.acquisition_id = a.acquisition_id AND r.customer_id = a.customer_id AND r.redeemed_at <= :as_of) f
    WHERE a.item_id = 2 AND a.acquired_at <= :as_of
    GROUP BY a.customer_id HAVING sum(f.total) > 5) t WHERE t.customer_id = c.customer_id);
\echo ==== pass_redemptions > 5: LEFT JOIN, then GROUP BY
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of AND EXISTS (SELECT FROM (
    SELECT a.customer_id FROM segments.acquisition a
    LEFT JOIN segments.redemption r ON r.acquisition_id = a.acquisition_id AND r.customer_id = a.customer_id AND r.redeemed_at <= :as_of
    WHERE a.item_id = 2 AND a.acquired_at <= :as_of
    GROUP BY a.customer_id HAVING count(r.redemption_id) > 5) t WHERE t.customer_id = c.customer_id);
\echo ==== pass_redemptions > 5: correlated count per customer
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND EXISTS (SELECT FROM segments.acquisition a WHERE a.customer_id = c.customer_id AND a.item_id = 2 AND a.acquired_at <= :as_of)
  AND (SELECT count(*) FROM segments.acquisition a JOIN segments.redemption r
         ON r.acquisition_id = a.acquisition_id AND r.customer_id = a.customer_id
       WHERE a.customer_id = c.customer_id AND a.item_id = 2 AND a.acquired_at <= :as_of AND r.redeemed_at <= :as_of) > 5;
\echo ==== pass_redemptions > 5: hand-written inner join, GROUP BY, HAVING (cannot express 0)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT a.customer_id FROM segments.acquisition a
JOIN segments.redemption r ON r.acquisition_id = a.acquisition_id AND r.customer_id = a.customer_id AND r.redeemed_at <= :as_of
JOIN segments.customer c ON c.customer_id = a.customer_id AND c.created_at <= :as_of
WHERE a.item_id = 2 AND a.acquired_at <= :as_of
GROUP BY a.customer_id HAVING count(*) > 5;
\echo ==== pass_redemptions = 0: LATERAL count per acquisition (compiled)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of AND EXISTS (SELECT FROM (
    SELECT a.customer_id FROM segments.acquisition a
    CROSS JOIN LATERAL (SELECT count(*) AS total FROM segments.redemption r
        WHERE r.acquisition_id = a.acquisition_id AND r.customer_id = a.customer_id AND r.redeemed_at <= :as_of) f
    WHERE a.item_id = 2 AND a.acquired_at <= :as_of
    GROUP BY a.customer_id HAVING sum(f.total) = 0) t WHERE t.customer_id = c.customer_id);
\echo ==== pass_redemptions = 0: hand-written holders without redemptions (anti-join), plan only: it ran over 4 minutes
EXPLAIN
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND EXISTS (SELECT FROM segments.acquisition a WHERE a.customer_id = c.customer_id AND a.item_id = 2 AND a.acquired_at <= :as_of)
  AND NOT EXISTS (SELECT FROM segments.acquisition a JOIN segments.redemption r
         ON r.acquisition_id = a.acquisition_id AND r.customer_id = a.customer_id
       WHERE a.customer_id = c.customer_id AND a.item_id = 2 AND a.acquired_at <= :as_of AND r.redeemed_at <= :as_of);

\echo ==== pass_points >= 100: LATERAL sum per acquisition (compiled)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of AND EXISTS (SELECT FROM (
    SELECT a.customer_id FROM segments.acquisition a
    CROSS JOIN LATERAL (SELECT coalesce(sum(p.points), 0) AS total FROM segments.point_event p
        WHERE p.acquisition_id = a.acquisition_id AND p.customer_id = a.customer_id AND p.earned_at <= :as_of) f
    WHERE a.item_id = 2 AND a.acquired_at <= :as_of
    GROUP BY a.customer_id HAVING sum(f.total) >= 100) t WHERE t.customer_id = c.customer_id);
\echo ==== pass_points >= 100: LEFT JOIN, then GROUP BY
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of AND EXISTS (SELECT FROM (
    SELECT a.customer_id FROM segments.acquisition a
    LEFT JOIN segments.point_event p ON p.acquisition_id = a.acquisition_id AND p.customer_id = a.customer_id AND p.earned_at <= :as_of
    WHERE a.item_id = 2 AND a.acquired_at <= :as_of
    GROUP BY a.customer_id HAVING coalesce(sum(p.points), 0) >= 100) t WHERE t.customer_id = c.customer_id);

\echo ==== location within 50 km: self semi-join on the GiST index (compiled)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND EXISTS (SELECT FROM segments.customer l
              WHERE l.customer_id = c.customer_id
                AND segments.earth_within_box(segments.earth_point(l.latitude, l.longitude), segments.earth_box(40, -105, 50))
                AND segments.earth_distance_km(l.latitude, l.longitude, 40, -105) <= 50);
\echo ==== location within 50 km: distance test alone (no index)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of AND segments.earth_distance_km(c.latitude, c.longitude, 40, -105) <= 50;
\echo ==== location not within 50 km: self anti-join (compiled)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND NOT EXISTS (SELECT FROM segments.customer l
              WHERE l.customer_id = c.customer_id
                AND segments.earth_within_box(segments.earth_point(l.latitude, l.longitude), segments.earth_box(40, -105, 50))
                AND segments.earth_distance_km(l.latitude, l.longitude, 40, -105) <= 50);
\echo ==== location within 50 km OR item 3: hashed subplans (compiled)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND (EXISTS (SELECT FROM segments.customer l
              WHERE l.customer_id = c.customer_id
                AND segments.earth_within_box(segments.earth_point(l.latitude, l.longitude), segments.earth_box(40, -105, 50))
                AND segments.earth_distance_km(l.latitude, l.longitude, 40, -105) <= 50)
    OR EXISTS (SELECT FROM segments.acquisition a WHERE a.customer_id = c.customer_id AND a.item_id = 3 AND a.acquired_at <= :as_of));
\echo ==== location within 50 km OR item 3: UNION of two sets
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND segments.earth_within_box(segments.earth_point(c.latitude, c.longitude), segments.earth_box(40, -105, 50))
  AND segments.earth_distance_km(c.latitude, c.longitude, 40, -105) <= 50
UNION
SELECT c.customer_id FROM segments.customer c JOIN segments.acquisition a ON a.customer_id = c.customer_id
WHERE c.created_at <= :as_of AND a.item_id = 3 AND a.acquired_at <= :as_of;

\echo ==== promotion_used: normalized code, partial expression index (compiled)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND EXISTS (SELECT FROM segments.acquisition a WHERE a.customer_id = c.customer_id AND a.acquired_at <= :as_of
              AND segments.normalized_text(a.promotion_code) = ANY (segments.normalized_texts('{Summer24}')));

\echo ==== pass_expiration exactly 30: (item_id, acquired_at) index (compiled)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND EXISTS (SELECT FROM segments.acquisition a
              WHERE a.customer_id = c.customer_id AND a.item_id = 2 AND a.acquired_at <= :as_of
                AND a.status = 'active' AND a.expires_at > :as_of
                AND ((a.expires_at AT TIME ZONE :tz)::date - (:as_of AT TIME ZONE :tz)::date) = 30
                AND a.expires_at >= (((:as_of AT TIME ZONE :tz)::date + 30)::timestamp AT TIME ZONE :tz) - interval '24 hours'
                AND a.expires_at < (((:as_of AT TIME ZONE :tz)::date + 30 + 1)::timestamp AT TIME ZONE :tz) + interval '24 hours');
