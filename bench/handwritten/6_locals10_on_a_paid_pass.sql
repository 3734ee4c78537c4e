-- LOCALS10 on a paid pass: an acquisition of a paid pass (items 4 to 6) with
-- the code LOCALS10, ignoring case and surrounding whitespace. The comparison
-- matches the expression index on segments.normalized_text(promotion_code).
SELECT DISTINCT a.customer_id
FROM segments.acquisition AS a
JOIN segments.customer AS c ON c.customer_id = a.customer_id
WHERE segments.normalized_text(a.promotion_code) = 'locals10'
  AND a.item_id IN (4, 5, 6)
  AND a.acquired_at <= :'as_of'::timestamptz
  AND c.created_at <= :'as_of'::timestamptz
