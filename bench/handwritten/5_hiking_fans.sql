-- Hiking fans: the favorite_activity answer (custom field 1) contains
-- "hiking" in any letter case.
SELECT v.customer_id
FROM segments.custom_field_value AS v
JOIN segments.customer AS c ON c.customer_id = v.customer_id
WHERE v.field_id = 1
  AND v.value ILIKE '%hiking%'
  AND c.created_at <= :'as_of'::timestamptz
