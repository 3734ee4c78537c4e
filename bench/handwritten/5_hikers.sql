-- Hikers: favorite_activity (custom field 1) is one of three answers, compared
-- without surrounding whitespace and ignoring case.
SELECT v.customer_id
FROM segments.custom_field_value AS v
WHERE v.field_id = 1
  AND segments.normalized_text(v.value) IN ('hiking', 'waterfalls', 'hiking and waterfalls')
