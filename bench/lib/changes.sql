-- One round of changes to about 1% of the customers, as a day of a pass
-- program brings them, all dated in the 23 hours before as_of so that
-- segments evaluated at as_of see them. Of every 10,000 customers:
--   20  buy a pass: 14 the free Explorer Pass, 6 the 30-day Sightseeing Pass,
--       2 of those 6 with the code SUMMERFUN
--   30  check in one to three times on their latest Explorer Pass and earn
--       10 points a check-in (customers without one do nothing)
--   10  claim a prize
--   15  have their latest active acquisition cancelled, refunded or deactivated
--   10  change an answer: the newsletter opt-in flips, and half of them now
--       name hiking as their favorite activity
--    5  move: half to downtown Asheville, half to Charlotte
-- and 10 new customers sign up with the Explorer Pass. Which customers change
-- depends only on the round and the customer_id, so rounds differ and a run
-- repeats exactly.

CREATE FUNCTION bench.uniform(round integer, stream integer, key bigint)
RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT (hashint8extended(key, 7000000 + round * 100 + stream) & 9007199254740991)::double precision
           / 9007199254740992.0
$$;
COMMENT ON FUNCTION bench.uniform(integer, integer, bigint) IS
    'Returns a pseudo-random number in [0, 1) determined by round, stream and key.';

CREATE PROCEDURE bench.apply_changes(round integer)
LANGUAGE plpgsql
AS $$
DECLARE
    as_of timestamptz := (SELECT b.as_of FROM bench.setting AS b);
    new_customers bigint := greatest(1, (SELECT b.scale FROM bench.setting AS b) / 1000);
BEGIN
    -- The 0.9% of the customers who change in this round, u deciding how, t when.
    CREATE TEMPORARY TABLE changed ON COMMIT DROP AS
    SELECT customer_id, u, as_of - bench.uniform(round, 2, customer_id) * interval '23 hours' AS t
    FROM (SELECT customer_id, bench.uniform(round, 1, customer_id) AS u
          FROM segments.customer
          WHERE created_at <= as_of) AS drawn
    WHERE u < 0.009;

    -- Passes bought.
    INSERT INTO segments.acquisition (customer_id, item_id, acquired_at, status, expires_at, promotion_code)
    SELECT customer_id, item_id, t, 'active', t + valid_days * interval '1 day',
           CASE WHEN item_id = 4 AND u < 0.0016 THEN 'SUMMERFUN' END
    FROM (SELECT customer_id, u, t,
                 CASE WHEN u < 0.0014 THEN 1 ELSE 4 END AS item_id,
                 CASE WHEN u < 0.0014 THEN 365 ELSE 30 END AS valid_days
          FROM changed
          WHERE u < 0.0020) AS bought;

    -- Check-ins on the customer's latest Explorer Pass, with their points.
    CREATE TEMPORARY TABLE check_in ON COMMIT DROP AS
    SELECT a.acquisition_id, a.customer_id, ch.t - k * interval '5 minutes' AS redeemed_at
    FROM changed AS ch
    JOIN LATERAL (SELECT a.acquisition_id, a.customer_id
                  FROM segments.acquisition AS a
                  WHERE a.customer_id = ch.customer_id AND a.item_id = 1
                    AND a.acquired_at < ch.t - interval '1 hour'
                  ORDER BY a.acquired_at DESC
                  LIMIT 1) AS a ON true
    CROSS JOIN LATERAL generate_series(1, 1 + floor(bench.uniform(round, 3, ch.customer_id) * 3)::integer) AS k
    WHERE ch.u >= 0.0020 AND ch.u < 0.0050;
    INSERT INTO segments.redemption (acquisition_id, customer_id, kind, redeemed_at)
    SELECT acquisition_id, customer_id, 'check_in', redeemed_at FROM check_in;
    INSERT INTO segments.point_event (acquisition_id, customer_id, points, earned_at)
    SELECT acquisition_id, customer_id, 10, redeemed_at FROM check_in;

    -- Prizes claimed.
    INSERT INTO segments.acquisition (customer_id, item_id, acquired_at, status)
    SELECT customer_id, 21 + floor(bench.uniform(round, 4, customer_id) * 4)::bigint, t, 'active'
    FROM changed
    WHERE u >= 0.0050 AND u < 0.0060;

    -- Status changes of the latest active acquisition.
    UPDATE segments.acquisition AS a
    SET status = CASE WHEN bench.uniform(round, 5, latest.customer_id) < 0.5 THEN 'cancelled'
                      WHEN bench.uniform(round, 5, latest.customer_id) < 0.8 THEN 'refunded'
                      ELSE 'inactive'
                 END
    FROM (SELECT DISTINCT ON (a.customer_id) a.acquisition_id, a.customer_id
          FROM changed AS ch
          JOIN segments.acquisition AS a ON a.customer_id = ch.customer_id
          WHERE ch.u >= 0.0060 AND ch.u < 0.0075 AND a.status = 'active' AND a.acquired_at <= as_of
          ORDER BY a.customer_id, a.acquired_at DESC) AS latest
    WHERE a.acquisition_id = latest.acquisition_id;

    -- Answers changed.
    INSERT INTO segments.custom_field_value AS v (customer_id, field_id, value)
    SELECT customer_id, 4, 'true' FROM changed WHERE u >= 0.0075 AND u < 0.0085
    ON CONFLICT (customer_id, field_id) DO UPDATE
    SET value = CASE WHEN segments.field_boolean(v.value) THEN 'false' ELSE 'true' END;
    INSERT INTO segments.custom_field_value AS v (customer_id, field_id, value)
    SELECT customer_id, 1, 'Hiking' FROM changed WHERE u >= 0.0075 AND u < 0.0080
    ON CONFLICT (customer_id, field_id) DO UPDATE SET value = excluded.value;

    -- Moves.
    UPDATE segments.customer AS c
    SET (city, region, country, postal_code, latitude, longitude) =
        (SELECT CASE WHEN ch.u < 0.00875 THEN 'Asheville' ELSE 'Charlotte' END, 'NC', 'US',
                CASE WHEN ch.u < 0.00875 THEN '28801' ELSE '28202' END,
                CASE WHEN ch.u < 0.00875 THEN 35.5951 ELSE 35.2271 END + 0.01 * bench.uniform(round, 6, c.customer_id),
                CASE WHEN ch.u < 0.00875 THEN -82.5515 ELSE -80.8431 END + 0.01 * bench.uniform(round, 7, c.customer_id))
    FROM changed AS ch
    WHERE c.customer_id = ch.customer_id AND ch.u >= 0.0085;

    -- New customers, each with the Explorer Pass.
    WITH signed_up AS (
        INSERT INTO segments.customer (email, first_name, last_name, created_at, city, region, country,
                                       postal_code, latitude, longitude)
        SELECT format('new%s.%s@example.com', round, n), 'New', 'Customer',
               as_of - bench.uniform(round, 8, n) * interval '23 hours',
               'Asheville', 'NC', 'US', '28801',
               35.5951 + 0.05 * bench.uniform(round, 9, n), -82.5515 + 0.05 * bench.uniform(round, 10, n)
        FROM generate_series(1, new_customers) AS n
        RETURNING customer_id, created_at
    )
    INSERT INTO segments.acquisition (customer_id, item_id, acquired_at, status, expires_at)
    SELECT customer_id, 1, created_at, 'active', created_at + interval '365 days'
    FROM signed_up;
END
$$;
COMMENT ON PROCEDURE bench.apply_changes(integer) IS
    'Changes about 1% of the customers as one day of a pass program does: passes bought, check-ins, prizes, status changes, answers, moves and new signups.';
