-- Super users: a prize (items 21 to 24) obtained up to as_of, and more than 5
-- redemptions over all their Explorer Passes (any status).
SELECT c.customer_id
FROM segments.customer AS c
WHERE c.created_at <= :'as_of'::timestamptz
  AND EXISTS (SELECT FROM segments.acquisition AS p
              WHERE p.customer_id = c.customer_id
                AND p.item_id IN (21, 22, 23, 24)
                AND p.acquired_at <= :'as_of'::timestamptz)
  AND c.customer_id IN (SELECT a.customer_id
                        FROM segments.acquisition AS a
                        JOIN segments.redemption AS r
                          ON r.acquisition_id = a.acquisition_id AND r.customer_id = a.customer_id
                        WHERE a.item_id = 1
                          AND a.acquired_at <= :'as_of'::timestamptz
                          AND r.redeemed_at <= :'as_of'::timestamptz
                        GROUP BY a.customer_id
                        HAVING count(*) > 5)
