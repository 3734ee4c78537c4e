-- New signups: an active Explorer Pass (item 1) obtained on one of the 30
-- local calendar days ending today.
SELECT DISTINCT a.customer_id
FROM segments.acquisition AS a
WHERE a.item_id = 1
  AND a.acquired_at >= (((:'as_of'::timestamptz AT TIME ZONE :'timezone')::date - 29)::timestamp
                        AT TIME ZONE :'timezone')
  AND a.acquired_at <= :'as_of'::timestamptz
  AND a.status = 'active'
  AND (a.expires_at IS NULL OR a.expires_at > :'as_of'::timestamptz)
