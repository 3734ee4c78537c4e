-- Point collectors: at least 200 points, summed over all their Explorer Passes
-- (any status) up to as_of.
SELECT a.customer_id
FROM segments.acquisition AS a
JOIN segments.point_event AS p
  ON p.acquisition_id = a.acquisition_id AND p.customer_id = a.customer_id
JOIN segments.customer AS c ON c.customer_id = a.customer_id
WHERE a.item_id = 1
  AND a.acquired_at <= :'as_of'::timestamptz
  AND p.earned_at <= :'as_of'::timestamptz
  AND c.created_at <= :'as_of'::timestamptz
GROUP BY a.customer_id
HAVING sum(p.points) >= 200
