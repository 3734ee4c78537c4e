-- The demo pass program's segments, as a marketer sets them up: the four
-- starter segments, and one segment for each remaining condition kind.
-- Item ids are those of demo/generate.sql: 1 is the Explorer Pass, 21 to 24
-- the prizes; custom fields 1 to 4 are favorite_activity, party_size,
-- visit_date and newsletter_opt_in.
-- Segments count days in the destination's time zone, America/New_York.
--
-- Replaces every segment of that name. Creating a segment calculates its
-- membership as of now() when the extension recalculates on create; the
-- benchmark recalculates them at its own as_of afterwards.

\set ON_ERROR_STOP on

DELETE FROM segments.segment
WHERE name IN ('New signups', 'Expires soon', 'No redemptions yet', 'Super users',
               'Hikers', 'Summer promotion', 'Locals', 'Super users on the newsletter',
               'Lapsed holders from out of state');

INSERT INTO segments.segment (name, description, timezone, definition) VALUES
('New signups',
 'Got the Explorer Pass in the last 30 days and it is active.',
 'America/New_York',
 '{"match": "any", "conditions": [
    {"type": "item_purchase", "items": [1], "status": "active",
     "days_since_purchase": {"less_than": 30}}]}'),
('Expires soon',
 'An active Explorer Pass expires in exactly 30 days.',
 'America/New_York',
 '{"match": "all", "conditions": [
    {"type": "pass_expiration", "pass": 1, "days_until_expiration": {"exactly": 30}}]}'),
('No redemptions yet',
 'Holds an active Explorer Pass and has not used it.',
 'America/New_York',
 '{"match": "all", "conditions": [
    {"type": "pass_redemptions", "pass": 1, "pass_status": "active", "count": {"exactly": 0}}]}'),
('Super users',
 'More than 5 redemptions of the Explorer Pass and a prize claimed.',
 'America/New_York',
 '{"match": "all", "conditions": [
    {"type": "pass_redemptions", "pass": 1, "pass_status": "any", "count": {"greater_than": 5}},
    {"type": "item_purchase", "items": [21, 22, 23, 24]}]}'),
('Hikers',
 'Named hiking or waterfalls as their favorite activity.',
 'America/New_York',
 '{"match": "all", "conditions": [
    {"type": "custom_field", "field": "favorite_activity", "operator": "in",
     "values": ["Hiking", "Waterfalls", "Hiking and waterfalls"]}]}'),
('Summer promotion',
 'Used the SUMMERFUN promotion code.',
 'America/New_York',
 '{"match": "all", "conditions": [
    {"type": "promotion_used", "codes": ["SUMMERFUN"]}]}'),
('Locals',
 'Live within 25 km of downtown Asheville.',
 'America/New_York',
 '{"match": "all", "conditions": [
    {"type": "location", "within": {"latitude": 35.5951, "longitude": -82.5515, "radius_km": 25}}]}');

SELECT segment_id AS super_users FROM segments.segment WHERE name = 'Super users' \gset

INSERT INTO segments.segment (name, description, timezone, definition) VALUES
('Super users on the newsletter',
 'Members of Super users who opted in to the newsletter.',
 'America/New_York',
 jsonb_build_object('match', 'all', 'conditions', jsonb_build_array(
    jsonb_build_object('type', 'in_segment', 'segment', :super_users),
    '{"type": "custom_field", "field": "newsletter_opt_in", "operator": "equals", "value": true}'::jsonb))),
('Lapsed holders from out of state',
 'Got the Explorer Pass, but neither used it in the last 90 days nor live in North Carolina.',
 'America/New_York',
 '{"match": "all", "conditions": [
    {"type": "item_purchase", "items": [1]},
    {"match": "any", "negate": true, "conditions": [
       {"type": "pass_redemptions", "pass": 1, "count": {"at_least": 1}, "within_days": 90},
       {"type": "location", "region": ["NC", "North Carolina"]}]}]}');
