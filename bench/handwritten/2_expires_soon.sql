-- Expires soon: an active Explorer Pass that expires on the local day 30 days
-- after today, that is from that day's local midnight to the next one.
SELECT DISTINCT a.customer_id
FROM segments.acquisition AS a
JOIN segments.customer AS c ON c.customer_id = a.customer_id
WHERE a.item_id = 1
  AND a.acquired_at <= :'as_of'::timestamptz
  AND a.status = 'active'
  AND a.expires_at >= ((:'as_of'::timestamptz AT TIME ZONE :'timezone')::date + 30)::timestamp
                      AT TIME ZONE :'timezone'
  AND a.expires_at < ((:'as_of'::timestamptz AT TIME ZONE :'timezone')::date + 31)::timestamp
                     AT TIME ZONE :'timezone'
  AND c.created_at <= :'as_of'::timestamptz
