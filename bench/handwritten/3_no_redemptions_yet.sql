-- No redemptions yet: holds an active Explorer Pass, and none of the active
-- Explorer Passes they hold has a redemption up to as_of. EXISTS stops at the
-- first redemption of each pass.
SELECT c.customer_id
FROM segments.customer AS c
WHERE c.created_at <= :'as_of'::timestamptz
  AND c.customer_id IN (SELECT a.customer_id
                        FROM segments.acquisition AS a
                        WHERE a.item_id = 1
                          AND a.acquired_at <= :'as_of'::timestamptz
                          AND a.status = 'active'
                          AND (a.expires_at IS NULL OR a.expires_at > :'as_of'::timestamptz)
                        GROUP BY a.customer_id
                        HAVING NOT bool_or(EXISTS (SELECT FROM segments.redemption AS r
                                                   WHERE r.acquisition_id = a.acquisition_id
                                                     AND r.customer_id = a.customer_id
                                                     AND r.redeemed_at <= :'as_of'::timestamptz)))
