-- Generator part 3: points earned and taken back.

\ir settings.sql
-- The parameters setup.sql stored.
SELECT seed, scale, reference FROM demo.setting \gset

TRUNCATE segments.point_event;

SELECT demo.set_aside_indexes('segments.point_event') \g /dev/null

-- The points of a check-in at the venue of each slot, as an array constant:
-- looking a number up in it costs less than joining two tables for each of
-- millions of rows (measured at 1,000,000 customers: 21 s instead of 30 s of
-- CPU time for the 8.5 million point events).
SELECT array_agg(v.points_per_check_in ORDER BY vs.slot) AS slot_points
FROM demo.venue_slot AS vs
JOIN demo.venue AS v USING (venue_id) \gset

-- Points: each check-in earns its venue's points (the venue is stream 60 of the
-- redemption_id, as in demo.redemption_venue); the Explorer Pass gives 50
-- points at signup and takes them back when it is cancelled; a few check-ins
-- are voided the next day and their points taken back.
INSERT INTO segments.point_event (point_event_id, acquisition_id, customer_id, points, earned_at)
SELECT u.point_event_base + j, u.acquisition_id, u.customer_id,
       CASE WHEN j <= u.check_ins THEN demo.venue_points(:seed, u.redemption_base + j, :'slot_points')
            WHEN j = u.check_ins + u.signup_bonus THEN 50
            WHEN j = u.check_ins + u.signup_bonus + u.reversals
                 THEN -demo.venue_points(:seed, u.redemption_base + u.reversed_check_in,
                                          :'slot_points')
            ELSE -50
       END,
       CASE WHEN j <= u.check_ins
                THEN demo.check_in_at(u.acquired_at, u.span_seconds, u.check_ins, j,
                                      demo.uniform(:seed, 61, u.redemption_base + j))
            WHEN j = u.check_ins + u.signup_bonus
                THEN least(u.ends_at, u.acquired_at + interval '1 minute')
            WHEN j = u.check_ins + u.signup_bonus + u.reversals
                THEN least(u.ends_at, interval '1 day' + demo.check_in_at(
                         u.acquired_at, u.span_seconds, u.check_ins, u.reversed_check_in,
                         demo.uniform(:seed, 61, u.redemption_base + u.reversed_check_in)))
            ELSE u.ends_at
       END
FROM demo.pass_use AS u
CROSS JOIN LATERAL generate_series(1, u.check_ins + u.signup_bonus + u.reversals + u.bonus_taken_back) AS j;

SELECT demo.restore_indexes('segments.point_event') \g /dev/null

ANALYZE segments.point_event;
