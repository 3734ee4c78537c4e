-- Super users on the newsletter: stored members of Super users whose
-- newsletter_opt_in answer (custom field 4) reads as true.
SELECT m.customer_id
FROM segments.segment_member AS m
JOIN segments.custom_field_value AS v ON v.customer_id = m.customer_id AND v.field_id = 4
JOIN segments.customer AS c ON c.customer_id = m.customer_id
WHERE m.segment_id = :super_users
  AND segments.field_boolean(v.value)
  AND c.created_at <= :'as_of'::timestamptz
