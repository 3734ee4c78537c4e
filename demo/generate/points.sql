-- Generator part 3: points earned and taken back.

\ir settings.sql
-- The parameters setup.sql stored.
SELECT seed, scale, reference FROM demo.setting \gset

TRUNCATE segments.point_event;

SELECT count(*) AS venue_slots FROM demo.venue_slot \gset

-- Points: each check-in earns its venue's points (the venue is stream 60 of the
-- redemption_id); the Explorer Pass gives 50 points at signup and takes them
-- back when it is cancelled; a few check-ins are voided the next day and their
-- points taken back.
INSERT INTO segments.point_event (point_event_id, acquisition_id, customer_id, points, earned_at)
SELECT e.point_event_id, e.acquisition_id, e.customer_id,
       CASE e.event
           WHEN 'check_in' THEN v.points_per_check_in
           WHEN 'reversal' THEN -v.points_per_check_in
           WHEN 'signup_bonus' THEN 50
           ELSE -50
       END,
       e.earned_at
FROM (
    SELECT u.point_event_base + j AS point_event_id, u.acquisition_id, u.customer_id, event.event,
           CASE event.event
               WHEN 'check_in' THEN demo.check_in_at(u.acquired_at, u.span_seconds, u.check_ins, j,
                                                     demo.uniform(:seed, 61, u.redemption_base + j))
               WHEN 'reversal' THEN least(u.ends_at, interval '1 day' + demo.check_in_at(
                                              u.acquired_at, u.span_seconds, u.check_ins,
                                              u.reversed_check_in,
                                              demo.uniform(:seed, 61, u.redemption_base + u.reversed_check_in)))
               WHEN 'signup_bonus' THEN least(u.ends_at, u.acquired_at + interval '1 minute')
               ELSE u.ends_at
           END AS earned_at,
           CASE event.event
               WHEN 'check_in' THEN u.redemption_base + j
               WHEN 'reversal' THEN u.redemption_base + u.reversed_check_in
           END AS redemption_id
    FROM demo.pass_use AS u
    CROSS JOIN LATERAL generate_series(1, u.check_ins + u.signup_bonus + u.reversals + u.bonus_taken_back) AS j
    CROSS JOIN LATERAL (
        SELECT CASE WHEN j <= u.check_ins THEN 'check_in'
                    WHEN j = u.check_ins + u.signup_bonus THEN 'signup_bonus'
                    WHEN j = u.check_ins + u.signup_bonus + u.reversals THEN 'reversal'
                    ELSE 'bonus_taken_back'
               END AS event
    ) AS event
) AS e
LEFT JOIN demo.venue_slot AS vs
    ON vs.slot = floor(demo.uniform(:seed, 60, e.redemption_id) * :venue_slots)::integer
LEFT JOIN demo.venue AS v ON v.venue_id = vs.venue_id;


ANALYZE segments.point_event;
