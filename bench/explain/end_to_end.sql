-- End-to-end timings of segments.evaluate on the demo pass program at
-- 1,000,000 customers, for bench/explain/NOTES.md:
--   demo/generate.sh --scale 1000000 --seed 1 --reference '2026-03-10 12:00+00'
--   psql -X -f bench/explain/end_to_end.sql
-- Each definition runs three times; evaluate reads its members through an SPI
-- cursor, as a recalculation's caller would see it.
\pset format unaligned
\pset tuples_only on
\timing on
CREATE TEMP TABLE definition (name text, body jsonb);
INSERT INTO definition VALUES
('explorer bought < 30 days', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1], "days_since_purchase": {"less_than": 30}}]}'),
('active paid pass', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [4, 5, 6], "status": "active"}]}'),
('explorer > 5 redemptions', '{"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 1, "count": {"greater_than": 5}}]}'),
('active explorer never redeemed', '{"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 1, "pass_status": "active", "count": {"exactly": 0}}]}'),
('ale trail check-in in 30 days', '{"match": "all", "conditions": [{"type": "pass_redemptions", "pass": 2, "kind": "check_in", "within_days": 30, "count": {"at_least": 1}}]}'),
('explorer >= 100 points', '{"match": "all", "conditions": [{"type": "pass_points", "pass": 1, "points": {"at_least": 100}}]}'),
('30-day pass expires in 7 days', '{"match": "all", "conditions": [{"type": "pass_expiration", "pass": 4, "days_until_expiration": {"exactly": 7}}]}'),
('activity = hiking', '{"match": "all", "conditions": [{"type": "custom_field", "field": "favorite_activity", "operator": "equals", "value": "hiking"}]}'),
('activity <> hiking', '{"match": "all", "conditions": [{"type": "custom_field", "field": "favorite_activity", "operator": "not_equals", "value": "hiking"}]}'),
('party size > 3', '{"match": "all", "conditions": [{"type": "custom_field", "field": "party_size", "operator": "greater_than", "value": 3}]}'),
('any promotion code', '{"match": "all", "conditions": [{"type": "promotion_used"}]}'),
('within 25 km of Asheville', '{"match": "all", "conditions": [{"type": "location", "within": {"latitude": 35.5951, "longitude": -82.5515, "radius_km": 25}}]}'),
('not within 25 km', '{"match": "all", "conditions": [{"type": "location", "within": {"latitude": 35.5951, "longitude": -82.5515, "radius_km": 25}, "negate": true}]}'),
('any of three kinds', '{"match": "any", "conditions": [{"type": "item_purchase", "items": [2], "days_since_purchase": {"less_than": 30}}, {"type": "pass_redemptions", "pass": 1, "count": {"greater_than": 5}}, {"type": "location", "within": {"latitude": 35.5951, "longitude": -82.5515, "radius_km": 25}}]}'),
('explorer, no paid pass', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}, {"match": "any", "negate": true, "conditions": [{"type": "item_purchase", "items": [4]}, {"type": "item_purchase", "items": [5]}, {"type": "item_purchase", "items": [6]}]}]}');
-- Each generated statement prints "name|members" and its time.
SELECT format('SELECT %L, count(*) FROM segments.evaluate(%L::jsonb, %L, %L)',
              d.name, d.body, 'America/New_York', '2026-03-10 12:00+00')
FROM definition d, generate_series(1, 3) AS run
ORDER BY d.ctid, run
\gexec
