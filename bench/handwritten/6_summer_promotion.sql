-- Summer promotion: any acquisition with the code SUMMERFUN, ignoring case and
-- surrounding whitespace.
SELECT DISTINCT a.customer_id
FROM segments.acquisition AS a
WHERE segments.normalized_text(a.promotion_code) = 'summerfun'
  AND a.acquired_at <= :'as_of'::timestamptz
