-- Generator part 2: passes and products bought, and demo.pass_use, how much
-- each pass acquisition is used, which parts 3 read.

\ir settings.sql
-- The parameters setup.sql stored.
SELECT seed, scale, reference FROM demo.setting \gset

TRUNCATE segments.acquisition, segments.redemption, segments.point_event;
SELECT demo.set_aside_indexes('segments.acquisition') \g /dev/null

-- Passes and products. Each customer has eight candidate acquisitions; the
-- choices of whether and when use key customer_id and streams 20 to 39, the
-- status and promotion code of each one key customer_id * 8 + slot:
--   0  Explorer Pass at signup (88% of customers)
--   1  Explorer Pass renewed after the first one expired
--   2  Ale Trail Pass, mostly in the first months
--   3  Holiday Lights Pass in the first holiday season (Nov 20 to Jan 5)
--   4  a paid pass: at signup for customers without the Explorer Pass
--   5  a second paid pass
--   6, 7  products
INSERT INTO segments.acquisition (acquisition_id, customer_id, item_id, acquired_at, status,
                                  expires_at, promotion_code)
SELECT row_number() OVER (ORDER BY customer_id, slot),
       customer_id, item_id, acquired_at,
       CASE WHEN u_status < 0.04 AND (paid OR paid IS NULL) THEN 'refunded'
            WHEN u_status < 0.03 AND NOT paid THEN 'cancelled'
            WHEN u_status >= 0.04 AND u_status < 0.05 AND paid IS NOT NULL THEN 'inactive'
            -- A few expired passes still say active: the status column lags.
            WHEN expires_at <= :'reference'::timestamptz
                 THEN CASE WHEN demo.uniform(:seed, 42, key) < 0.04 THEN 'active' ELSE 'expired' END
            ELSE 'active'
       END,
       expires_at,
       CASE WHEN code IS NULL THEN NULL
            WHEN u_mess < 0.08 THEN lower(code)
            WHEN u_mess < 0.12 THEN code || ' '
            WHEN u_mess < 0.14 THEN ' ' || code
            ELSE code
       END
FROM (
    SELECT o.customer_id, o.slot, o.item_id, o.acquired_at, o.key, p.paid,
           o.acquired_at + p.valid_days * interval '1 day' AS expires_at,
           demo.uniform(:seed, 41, o.key) AS u_status,
           demo.uniform(:seed, 44, o.key) AS u_mess,
           CASE WHEN p.paid THEN
                    CASE WHEN u_code < 0.06 THEN 'LOCALS10'
                         WHEN u_code < 0.16 THEN
                             CASE extract(month FROM o.acquired_at AT TIME ZONE 'America/New_York')
                                 WHEN 3 THEN 'SPRINGBREAK' WHEN 4 THEN 'SPRINGBREAK'
                                 WHEN 5 THEN 'LOCALS10'
                                 WHEN 6 THEN 'SUMMERFUN' WHEN 7 THEN 'SUMMERFUN' WHEN 8 THEN 'SUMMERFUN'
                                 WHEN 12 THEN 'HOLIDAY' WHEN 1 THEN 'WINTERDEAL' WHEN 2 THEN 'WINTERDEAL'
                                 ELSE 'FALLCOLORS'
                             END
                    END
                WHEN NOT p.paid THEN
                    CASE WHEN u_code < 0.03 THEN 'HOTELGUEST' WHEN u_code < 0.06 THEN 'VISITORCENTER' END
                ELSE CASE WHEN u_code < 0.04 THEN 'LOCALS10' END
           END AS code
    FROM (
        SELECT s.customer_id, s.slot, s.item_id, s.acquired_at, s.customer_id * 8 + s.slot AS key,
               demo.uniform(:seed, 43, s.customer_id * 8 + s.slot) AS u_code
        FROM (
            SELECT customer_id, 0 AS slot, 1::bigint AS item_id, created_at AS acquired_at
            FROM segments.customer
            WHERE demo.uniform(:seed, 20, customer_id) < 0.88
            UNION ALL
            SELECT customer_id, 1, 1,
                   created_at + interval '365 days' + demo.uniform(:seed, 22, customer_id) * interval '45 days'
            FROM segments.customer
            WHERE demo.uniform(:seed, 20, customer_id) < 0.88 AND demo.uniform(:seed, 21, customer_id) < 0.40
            UNION ALL
            SELECT customer_id, 2, 2,
                   created_at + demo.uniform(:seed, 24, customer_id) ^ 2 * (:'reference'::timestamptz - created_at)
            FROM segments.customer
            WHERE demo.uniform(:seed, 23, customer_id) < 0.33
            UNION ALL
            -- The first holiday season after signup: from November 20 (47 days before
            -- its end) to the end of January 5, local time.
            SELECT customer_id, 3, 3,
                   season_from + demo.uniform(:seed, 26, customer_id) * (season_ends_at - season_from)
            FROM (
                SELECT customer_id, season_ends_at,
                       greatest(created_at, season_ends_at - interval '47 days') AS season_from
                FROM (
                    SELECT customer_id, created_at,
                           make_date(extract(year FROM signup_date)::integer
                                     + CASE WHEN extract(doy FROM signup_date) >= 6 THEN 1 ELSE 0 END,
                                     1, 6)::timestamp AT TIME ZONE 'America/New_York' AS season_ends_at
                    FROM (SELECT customer_id, created_at,
                                 (created_at AT TIME ZONE 'America/New_York')::date AS signup_date
                          FROM segments.customer
                          WHERE demo.uniform(:seed, 25, customer_id) < 0.25) AS holiday_customer
                ) AS season
            ) AS season_window
            UNION ALL
            -- Customers without the Explorer Pass signed up by buying a paid pass.
            SELECT customer_id, 4,
                   CASE WHEN demo.uniform(:seed, 27, customer_id) < 0.50 THEN 4
                        WHEN demo.uniform(:seed, 27, customer_id) < 0.85 THEN 5 ELSE 6 END,
                   CASE WHEN demo.uniform(:seed, 20, customer_id) >= 0.88 THEN created_at
                        ELSE created_at + demo.uniform(:seed, 29, customer_id) ^ 1.5 * (:'reference'::timestamptz - created_at)
                   END
            FROM segments.customer
            WHERE demo.uniform(:seed, 20, customer_id) >= 0.88 OR demo.uniform(:seed, 28, customer_id) < 0.22
            UNION ALL
            SELECT customer_id, 5,
                   CASE WHEN demo.uniform(:seed, 30, customer_id) < 0.50 THEN 4
                        WHEN demo.uniform(:seed, 30, customer_id) < 0.85 THEN 5 ELSE 6 END,
                   created_at + demo.uniform(:seed, 32, customer_id) * (:'reference'::timestamptz - created_at)
            FROM segments.customer
            WHERE demo.uniform(:seed, 31, customer_id) < 0.05
            UNION ALL
            SELECT customer_id, 6, 11 + floor(demo.uniform(:seed, 33, customer_id) * 5)::bigint,
                   created_at + demo.uniform(:seed, 35, customer_id) * 0.5 * (:'reference'::timestamptz - created_at)
            FROM segments.customer
            WHERE demo.uniform(:seed, 34, customer_id) < 0.36
            UNION ALL
            SELECT customer_id, 7, 11 + floor(demo.uniform(:seed, 36, customer_id) * 5)::bigint,
                   created_at + demo.uniform(:seed, 38, customer_id) * (:'reference'::timestamptz - created_at)
            FROM segments.customer
            WHERE demo.uniform(:seed, 37, customer_id) < 0.12
        ) AS s
        WHERE s.acquired_at < :'reference'::timestamptz
    ) AS o
    LEFT JOIN demo.pass AS p ON p.item_id = o.item_id
) AS chosen;

-- How each pass acquisition is used. Customers are never users (18%), light
-- users (72%) or heavy users (10%); heavy users keep using a pass until it
-- expires, the others mostly in its first 60 days. A pass acquired recently has
-- had less time to be used. Choices use key acquisition_id, streams 50 to 59.
CREATE UNLOGGED TABLE demo.pass_use AS
SELECT c.*,
       sum(check_ins + vouchers) OVER w - (check_ins + vouchers) AS redemption_base,
       sum(check_ins + signup_bonus + reversals + bonus_taken_back) OVER w
           - (check_ins + signup_bonus + reversals + bonus_taken_back) AS point_event_base
FROM (
    SELECT u.*,
           CASE WHEN check_ins > 0 AND demo.uniform(:seed, 54, acquisition_id) < 0.06 THEN 1 ELSE 0 END
               AS reversals,
           1 + floor(demo.uniform(:seed, 55, acquisition_id) * check_ins)::integer AS reversed_check_in
    FROM (
        SELECT acquisition_id, customer_id, item_id, acquired_at, status, ends_at,
               CASE WHEN tier = 'heavy' THEN life_seconds ELSE least(life_seconds, 60 * 86400) END
                   AS span_seconds,
               CASE WHEN status = 'refunded' OR tier = 'never' THEN 0
                    ELSE floor(usage_factor * used_share
                               * CASE WHEN tier = 'heavy'
                                      THEN 12 + floor(demo.uniform(:seed, 51, acquisition_id) * 25)
                                      ELSE 1 + floor(-ln(1 - demo.uniform(:seed, 51, acquisition_id)) * 2.6)
                                 END
                               + demo.uniform(:seed, 52, acquisition_id))::integer
               END AS check_ins,
               CASE WHEN status = 'refunded' OR tier = 'never' THEN 0
                    WHEN paid THEN floor(demo.uniform(:seed, 53, acquisition_id) * 4 * used_share)::integer
                    WHEN demo.uniform(:seed, 53, acquisition_id) < 0.3 * used_share THEN 1
                    ELSE 0
               END AS vouchers,
               CASE WHEN item_id = 1 AND status <> 'refunded' THEN 1 ELSE 0 END AS signup_bonus,
               CASE WHEN item_id = 1 AND status = 'cancelled' THEN 1 ELSE 0 END AS bonus_taken_back
        FROM (
            SELECT a.acquisition_id, a.customer_id, a.item_id, a.acquired_at, a.status, a.ends_at,
                   a.life_seconds, p.paid, p.usage_factor,
                   -- The share of the pass's main usage period (its validity, at most
                   -- 60 days) that has passed.
                   least(1.0, a.life_seconds / (least(p.valid_days, 60) * 86400))::double precision
                       AS used_share,
                   CASE WHEN demo.uniform(:seed, 16, a.customer_id) < 0.18 THEN 'never'
                        WHEN demo.uniform(:seed, 16, a.customer_id) >= 0.90 THEN 'heavy'
                        ELSE 'light'
                   END AS tier
            FROM (
                SELECT acquisition_id, customer_id, item_id, acquired_at, status, ends_at,
                       greatest(0, date_part('epoch', ends_at - acquired_at) - 3600) AS life_seconds
                FROM (
                    SELECT acquisition_id, customer_id, item_id, acquired_at, status,
                           CASE status
                               WHEN 'refunded' THEN acquired_at
                               WHEN 'cancelled' THEN acquired_at + demo.uniform(:seed, 50, acquisition_id)
                                                     * (least(expires_at, :'reference') - acquired_at)
                               WHEN 'inactive' THEN acquired_at + demo.uniform(:seed, 50, acquisition_id)
                                                    * (least(expires_at, :'reference') - acquired_at)
                               ELSE least(expires_at, :'reference')
                           END AS ends_at
                    FROM segments.acquisition
                ) AS ends
            ) AS a
            JOIN demo.pass AS p ON p.item_id = a.item_id
            -- OFFSET 0 keeps the expressions above from being copied into every
            -- use of check_ins below and computed several times per row.
            OFFSET 0
        ) AS u
        OFFSET 0
    ) AS u
    OFFSET 0
) AS c
WINDOW w AS (ORDER BY acquisition_id);

COMMENT ON TABLE demo.pass_use IS
    'How each pass acquisition is used, while the demo data is generated; dropped at the end.';

SELECT demo.restore_indexes('segments.acquisition') \g /dev/null

ANALYZE segments.acquisition;
