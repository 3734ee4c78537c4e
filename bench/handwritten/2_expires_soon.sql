-- Expires soon: an active Explorer Pass whose expiry falls on the local day 30
-- days after today.
SELECT DISTINCT a.customer_id
FROM segments.acquisition AS a
WHERE a.item_id = 1
  AND a.acquired_at <= :'as_of'::timestamptz
  AND a.status = 'active'
  AND a.expires_at >= (((:'as_of'::timestamptz AT TIME ZONE :'timezone')::date + 30)::timestamp
                       AT TIME ZONE :'timezone')
  AND a.expires_at < (((:'as_of'::timestamptz AT TIME ZONE :'timezone')::date + 31)::timestamp
                      AT TIME ZONE :'timezone')
