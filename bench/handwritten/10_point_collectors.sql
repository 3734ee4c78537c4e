-- Point collectors: at least 200 points, summed over all their Explorer Passes
-- (any status) up to as_of. Each pass's points come from the covering index
-- on (acquisition_id, customer_id, earned_at) INCLUDE (points).
SELECT c.customer_id
FROM segments.customer AS c
WHERE c.created_at <= :'as_of'::timestamptz
  AND c.customer_id IN (SELECT a.customer_id
                        FROM segments.acquisition AS a
                        CROSS JOIN LATERAL (SELECT sum(p.points) AS points
                                            FROM segments.point_event AS p
                                            WHERE p.acquisition_id = a.acquisition_id
                                              AND p.customer_id = a.customer_id
                                              AND p.earned_at <= :'as_of'::timestamptz) AS earned
                        WHERE a.item_id = 1
                          AND a.acquired_at <= :'as_of'::timestamptz
                        GROUP BY a.customer_id
                        HAVING sum(earned.points) >= 200)
