-- Lapsed holders from out of state: got the Explorer Pass, have no redemption
-- of it on the 90 local days ending today, and do not live in North Carolina.
SELECT c.customer_id
FROM segments.customer AS c
WHERE (segments.normalized_text(c.region) IN ('nc', 'north carolina')) IS NOT TRUE
  AND EXISTS (SELECT FROM segments.acquisition AS a
              WHERE a.customer_id = c.customer_id
                AND a.item_id = 1
                AND a.acquired_at <= :'as_of'::timestamptz)
  AND NOT EXISTS (SELECT FROM segments.acquisition AS a
                  JOIN segments.redemption AS r
                    ON r.acquisition_id = a.acquisition_id AND r.customer_id = a.customer_id
                  WHERE a.customer_id = c.customer_id
                    AND a.item_id = 1
                    AND a.acquired_at <= :'as_of'::timestamptz
                    AND r.redeemed_at >= (((:'as_of'::timestamptz AT TIME ZONE :'timezone')::date - 89)::timestamp
                                          AT TIME ZONE :'timezone')
                    AND r.redeemed_at <= :'as_of'::timestamptz)
