-- The segments of the demo pass program, set up the way its marketers would.
-- Item ids and custom field names are those of demo/generate.sql: item 1 is the
-- Explorer Pass, items 4 to 6 are the paid passes, 21 to 24 the prizes.
--
--   psql -f demo/segments.sql
--
-- The first four are the segments every pass program starts with; the others
-- use each remaining kind of condition once. Day counts are calendar days in
-- the destination's time zone, America/New_York. Replaces the segments of the
-- same names.

\set ON_ERROR_STOP on

BEGIN;

-- The segment that reads another one goes first.
DELETE FROM segments.segment WHERE name = 'Super users on the newsletter';
DELETE FROM segments.segment
WHERE name IN ('New signups', 'Expires soon', 'No redemptions yet', 'Super users', 'Hiking fans',
               'LOCALS10 on a paid pass', 'Within 50 km', 'Point collectors',
               'Lapsed regional passholders');

INSERT INTO segments.segment (name, description, timezone, definition) VALUES
('New signups',
 'Got the Explorer Pass in the last 30 days and it is active: send the welcome series.',
 'America/New_York',
 '{"match": "any", "conditions": [
     {"type": "item_purchase", "items": [1], "status": "active",
      "days_since_purchase": {"less_than": 30}}]}'),

('Expires soon',
 'The Explorer Pass expires in exactly 30 days: offer the renewal.',
 'America/New_York',
 '{"match": "all", "conditions": [
     {"type": "pass_expiration", "pass": 1, "days_until_expiration": {"exactly": 30}}]}'),

('No redemptions yet',
 'Hold an active Explorer Pass and never used it: suggest a first check-in.',
 'America/New_York',
 '{"match": "all", "conditions": [
     {"type": "pass_redemptions", "pass": 1, "pass_status": "active", "count": {"exactly": 0}}]}'),

('Super users',
 'More than 5 redemptions of the Explorer Pass and a prize claimed: invite them to the ambassador program.',
 'America/New_York',
 '{"match": "all", "conditions": [
     {"type": "pass_redemptions", "pass": 1, "pass_status": "any", "count": {"greater_than": 5}},
     {"type": "item_purchase", "items": [21, 22, 23, 24], "status": "any"}]}'),

('Hiking fans',
 'Named hiking as their favorite activity on the signup form, in any spelling.',
 'America/New_York',
 '{"match": "all", "conditions": [
     {"type": "custom_field", "field": "favorite_activity", "operator": "contains", "value": "hiking"}]}'),

('LOCALS10 on a paid pass',
 'Bought a paid pass with the locals'' discount code.',
 'America/New_York',
 '{"match": "all", "conditions": [
     {"type": "promotion_used", "codes": ["LOCALS10"], "items": [4, 5, 6]}]}'),

('Within 50 km',
 'Live within 50 km of downtown Asheville: weekday events and last-minute offers.',
 'America/New_York',
 '{"match": "all", "conditions": [
     {"type": "location", "within": {"latitude": 35.5951, "longitude": -82.5515, "radius_km": 50}}]}'),

('Point collectors',
 'At least 200 points on their Explorer Passes.',
 'America/New_York',
 '{"match": "all", "conditions": [
     {"type": "pass_points", "pass": 1, "points": {"at_least": 200}}]}'),

('Lapsed regional passholders',
 'Live in the region but neither checked in with the Explorer Pass nor got a pass in the last 90 days: win them back.',
 'America/New_York',
 '{"match": "all", "conditions": [
     {"type": "location", "region": ["NC", "North Carolina", "SC", "TN", "GA", "VA"]},
     {"match": "any", "negate": true, "conditions": [
         {"type": "pass_redemptions", "pass": 1, "count": {"at_least": 1}, "within_days": 90},
         {"type": "item_purchase", "items": [1, 2, 3, 4, 5, 6], "days_since_purchase": {"less_than": 90}}]}]}');

-- in_segment names the other segment by id, which is only known once it exists.
INSERT INTO segments.segment (name, description, timezone, definition)
SELECT 'Super users on the newsletter',
       'Super users who opted in to the newsletter: the ambassador program mailing.',
       'America/New_York',
       jsonb_build_object('match', 'all', 'conditions', jsonb_build_array(
           jsonb_build_object('type', 'in_segment', 'segment', s.segment_id),
           '{"type": "custom_field", "field": "newsletter_opt_in", "operator": "equals", "value": true}'::jsonb))
FROM segments.segment AS s
WHERE s.name = 'Super users';

COMMIT;
