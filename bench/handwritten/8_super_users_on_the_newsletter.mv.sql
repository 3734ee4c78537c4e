-- Super users on the newsletter, as a materialized view: reads the view of
-- Super users, since a team using views has no stored membership.
SELECT m.customer_id
FROM bench.mv_super_users AS m
JOIN segments.custom_field_value AS v ON v.customer_id = m.customer_id AND v.field_id = 4
JOIN segments.customer AS c ON c.customer_id = m.customer_id
WHERE segments.field_boolean(v.value)
  AND c.created_at <= :'as_of'::timestamptz
