-- Leaves on one table in one group: separate EXISTS against one scan, for
-- bench/explain/NOTES.md. Same data and indexes as shapes.sql.
\set as_of '''2026-03-10 12:00+00''::timestamptz'
\set tz '''America/New_York''::text'
SET max_parallel_workers_per_gather = 0;
\echo ==== all of two acquisition conditions: two EXISTS (compiled)
EXPLAIN (ANALYZE, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND EXISTS (SELECT FROM segments.acquisition a WHERE a.customer_id = c.customer_id AND a.item_id = 3 AND a.acquired_at <= :as_of
                AND ((:as_of AT TIME ZONE :tz)::date - (a.acquired_at AT TIME ZONE :tz)::date) < 30
                AND a.acquired_at >= (((:as_of AT TIME ZONE :tz)::date - (30 - 1))::timestamp AT TIME ZONE :tz) - interval '24 hours')
  AND EXISTS (SELECT FROM segments.acquisition a WHERE a.customer_id = c.customer_id AND a.item_id = 4 AND a.acquired_at <= :as_of
                AND a.status = 'active' AND (a.expires_at IS NULL OR a.expires_at > :as_of));
\echo ==== all of two acquisition conditions: one scan, GROUP BY with bool_or
EXPLAIN (ANALYZE, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND c.customer_id IN (
    SELECT a.customer_id FROM segments.acquisition a
    WHERE a.item_id IN (3, 4) AND a.acquired_at <= :as_of
    GROUP BY a.customer_id
    HAVING bool_or(a.item_id = 3 AND ((:as_of AT TIME ZONE :tz)::date - (a.acquired_at AT TIME ZONE :tz)::date) < 30)
       AND bool_or(a.item_id = 4 AND a.status = 'active' AND (a.expires_at IS NULL OR a.expires_at > :as_of)));
\echo ==== any of two acquisition conditions: two EXISTS (compiled)
EXPLAIN (ANALYZE, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND (EXISTS (SELECT FROM segments.acquisition a WHERE a.customer_id = c.customer_id AND a.item_id = 3 AND a.acquired_at <= :as_of
                AND ((:as_of AT TIME ZONE :tz)::date - (a.acquired_at AT TIME ZONE :tz)::date) < 30
                AND a.acquired_at >= (((:as_of AT TIME ZONE :tz)::date - (30 - 1))::timestamp AT TIME ZONE :tz) - interval '24 hours')
    OR EXISTS (SELECT FROM segments.acquisition a WHERE a.customer_id = c.customer_id AND a.item_id = 4 AND a.acquired_at <= :as_of
                AND a.status = 'active' AND (a.expires_at IS NULL OR a.expires_at > :as_of)));
\echo ==== any of two acquisition conditions: one scan with OR
EXPLAIN (ANALYZE, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= :as_of
  AND EXISTS (SELECT FROM segments.acquisition a WHERE a.customer_id = c.customer_id AND a.acquired_at <= :as_of
    AND ((a.item_id = 3 AND ((:as_of AT TIME ZONE :tz)::date - (a.acquired_at AT TIME ZONE :tz)::date) < 30
          AND a.acquired_at >= (((:as_of AT TIME ZONE :tz)::date - (30 - 1))::timestamp AT TIME ZONE :tz) - interval '24 hours')
      OR (a.item_id = 4 AND a.status = 'active' AND (a.expires_at IS NULL OR a.expires_at > :as_of))));
SET max_parallel_workers_per_gather = 0;
\echo ==== any of two custom_field leaves: two EXISTS
EXPLAIN (ANALYZE, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= '2026-03-10 12:00+00'
  AND (EXISTS (SELECT FROM segments.custom_field_value v WHERE v.customer_id = c.customer_id
          AND v.field_id = (SELECT f.field_id FROM segments.custom_field f WHERE f.name = 'home_town')
          AND segments.normalized_text(v.value) = segments.normalized_text('Town 7'))
    OR EXISTS (SELECT FROM segments.custom_field_value v WHERE v.customer_id = c.customer_id
          AND v.field_id = (SELECT f.field_id FROM segments.custom_field f WHERE f.name = 'favorite_activity')
          AND segments.normalized_text(v.value) = segments.normalized_text('skiing')));
\echo ==== any of two custom_field leaves: one EXISTS with alternatives (compiled)
EXPLAIN (ANALYZE, COSTS OFF)
SELECT c.customer_id FROM segments.customer c
WHERE c.created_at <= '2026-03-10 12:00+00'
  AND EXISTS (SELECT FROM segments.custom_field_value v WHERE v.customer_id = c.customer_id
      AND ((v.field_id = (SELECT f.field_id FROM segments.custom_field f WHERE f.name = 'home_town')
            AND segments.normalized_text(v.value) = segments.normalized_text('Town 7'))
        OR (v.field_id = (SELECT f.field_id FROM segments.custom_field f WHERE f.name = 'favorite_activity')
            AND segments.normalized_text(v.value) = segments.normalized_text('skiing'))));
