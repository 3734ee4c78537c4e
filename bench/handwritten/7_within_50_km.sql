-- Within 50 km: great-circle distance from downtown Asheville. The box test
-- uses the GiST index on segments.earth_point(latitude, longitude), the
-- distance test makes it exact.
SELECT c.customer_id
FROM segments.customer AS c
WHERE segments.earth_within_box(segments.earth_point(c.latitude, c.longitude),
                                segments.earth_box(35.5951, -82.5515, 50))
  AND segments.earth_distance_km(c.latitude, c.longitude, 35.5951, -82.5515) <= 50
  AND c.created_at <= :'as_of'::timestamptz
