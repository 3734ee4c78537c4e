-- Access paths the compiled conditions rely on, chosen by EXPLAIN (ANALYZE,
-- BUFFERS) at 1,000,000 customers (bench/explain/NOTES.md).

-- pass_redemptions and pass_points total each acquisition's facts in a LATERAL
-- subquery keyed by (acquisition_id, customer_id) and bounded by time. With the
-- time and the filtered or summed column in the index, that is an index-only
-- scan; these also serve the composite foreign keys.
CREATE INDEX redemption_acquisition_time_idx
	ON segments.redemption (acquisition_id, customer_id, redeemed_at) INCLUDE (kind);
CREATE INDEX point_event_acquisition_time_idx
	ON segments.point_event (acquisition_id, customer_id, earned_at) INCLUDE (points);

-- location "within": the GiST index on the Earth-centred point finds the
-- customers in the search box; segments.earth_point is inlined into both this
-- expression and the compiled query, so they match.
CREATE INDEX customer_earth_point_idx
	ON segments.customer USING gist (segments.earth_point(latitude, longitude));
