-- Generator part 3: prizes claimed after a number of check-ins, appended to
-- segments.acquisition after the passes and products.

\ir settings.sql
-- The parameters setup.sql stored.
SELECT seed, scale, reference FROM demo.setting \gset

-- Prizes: on reaching the number of check-ins of a prize rule, 80% of holders
-- claim the prize within three days (keys acquisition_id * 64 + check-ins).
SELECT coalesce(max(acquisition_id), 0) AS last_acquisition_id FROM segments.acquisition \gset
INSERT INTO segments.acquisition (acquisition_id, customer_id, item_id, acquired_at, status)
SELECT :last_acquisition_id + row_number() OVER (ORDER BY acquisition_id, check_ins),
       customer_id, prize_id, claimed_at, 'active'
FROM (
    SELECT u.acquisition_id, r.check_ins, u.customer_id, r.prize_id,
           demo.check_in_at(u.acquired_at, u.span_seconds, u.check_ins, r.check_ins,
                            demo.uniform(:seed, 61, u.redemption_base + r.check_ins))
           + demo.uniform(:seed, 70, u.acquisition_id * 64 + r.check_ins) * interval '3 days'
               AS claimed_at
    FROM demo.pass_use AS u
    JOIN demo.prize_rule AS r ON r.pass_id = u.item_id AND r.check_ins <= u.check_ins
    WHERE demo.uniform(:seed, 71, u.acquisition_id * 64 + r.check_ins) < 0.8
) AS claim
WHERE claimed_at < :'reference'::timestamptz;

