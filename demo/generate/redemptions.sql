-- Generator part 3: check-ins and vouchers at partner venues.

\ir settings.sql
-- The parameters setup.sql stored.
SELECT seed, scale, reference FROM demo.setting \gset

TRUNCATE segments.redemption;

SELECT demo.set_aside_indexes('segments.redemption') \g /dev/null

-- Redemptions: check-ins 1 to check_ins, then the vouchers. Ids follow on from
-- one pass acquisition to the next; stream 61 and 62 keyed by redemption_id.
INSERT INTO segments.redemption (redemption_id, acquisition_id, customer_id, kind, redeemed_at)
SELECT u.redemption_base + k, u.acquisition_id, u.customer_id,
       CASE WHEN k <= u.check_ins THEN 'check_in' ELSE 'voucher' END,
       CASE WHEN k <= u.check_ins
            THEN demo.check_in_at(u.acquired_at, u.span_seconds, u.check_ins, k,
                                  demo.uniform(:seed, 61, u.redemption_base + k))
            ELSE u.acquired_at + interval '1 hour'
                 + u.span_seconds * demo.uniform(:seed, 62, u.redemption_base + k) * interval '1 second'
       END
FROM demo.pass_use AS u
CROSS JOIN LATERAL generate_series(1, u.check_ins + u.vouchers) AS k;


SELECT demo.restore_indexes('segments.redemption') \g /dev/null

ANALYZE segments.redemption;
