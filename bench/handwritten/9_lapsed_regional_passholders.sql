-- Lapsed regional passholders: live in one of six regions, with neither a
-- redemption of the Explorer Pass nor a pass (items 1 to 6) bought on the 90
-- local days ending today.
SELECT c.customer_id
FROM segments.customer AS c
WHERE segments.normalized_text(c.region) IN ('nc', 'north carolina', 'sc', 'tn', 'ga', 'va')
  AND c.created_at <= :'as_of'::timestamptz
  AND NOT EXISTS (SELECT FROM segments.acquisition AS a
                  JOIN segments.redemption AS r
                    ON r.acquisition_id = a.acquisition_id AND r.customer_id = a.customer_id
                  WHERE a.customer_id = c.customer_id
                    AND a.item_id = 1
                    AND a.acquired_at <= :'as_of'::timestamptz
                    AND r.redeemed_at >= ((:'as_of'::timestamptz AT TIME ZONE :'timezone')::date - 89)::timestamp
                                         AT TIME ZONE :'timezone'
                    AND r.redeemed_at <= :'as_of'::timestamptz)
  AND NOT EXISTS (SELECT FROM segments.acquisition AS a
                  WHERE a.customer_id = c.customer_id
                    AND a.item_id IN (1, 2, 3, 4, 5, 6)
                    AND a.acquired_at >= ((:'as_of'::timestamptz AT TIME ZONE :'timezone')::date - 89)::timestamp
                                         AT TIME ZONE :'timezone'
                    AND a.acquired_at <= :'as_of'::timestamptz)
