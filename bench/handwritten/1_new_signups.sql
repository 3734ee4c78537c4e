-- New signups: an active Explorer Pass (item 1) obtained on one of the 30
-- local calendar days ending today. The range starts at local midnight 29 days
-- before today, so the (item_id, acquired_at) index reads exactly those days.
SELECT c.customer_id
FROM segments.customer AS c
WHERE c.created_at <= :'as_of'::timestamptz
  AND EXISTS (SELECT FROM segments.acquisition AS a
              WHERE a.customer_id = c.customer_id
                AND a.item_id = 1
                AND a.acquired_at >= ((:'as_of'::timestamptz AT TIME ZONE :'timezone')::date - 29)::timestamp
                                     AT TIME ZONE :'timezone'
                AND a.acquired_at <= :'as_of'::timestamptz
                AND a.status = 'active'
                AND (a.expires_at IS NULL OR a.expires_at > :'as_of'::timestamptz))
