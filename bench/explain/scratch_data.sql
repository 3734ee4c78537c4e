-- Synthetic data for comparing query shapes: 1,000,000 customers with about 3
-- acquisitions, 8 redemptions and 8 point events each. The tables copy the
-- column contract of the extension's data model in a scratch schema of the same
-- name, so the compiled SQL runs unchanged; it is a stand-in until the project's
-- data generator lands, not a second data model.
--   psql -v ON_ERROR_STOP=1 -f bench/explain/scratch_data.sql
CREATE EXTENSION IF NOT EXISTS cube;
DROP SCHEMA IF EXISTS segments CASCADE;
CREATE SCHEMA segments;
SET search_path = segments, public;
SELECT setseed(0.42);

CREATE TABLE segments.customer (
	customer_id bigint PRIMARY KEY, email text, first_name text, last_name text, phone text,
	created_at timestamptz NOT NULL, city text, region text, country text, postal_code text,
	latitude double precision, longitude double precision);
CREATE TABLE segments.item (item_id bigint PRIMARY KEY, name text NOT NULL, kind text NOT NULL);
CREATE TABLE segments.acquisition (
	acquisition_id bigint PRIMARY KEY, customer_id bigint NOT NULL, item_id bigint NOT NULL,
	acquired_at timestamptz NOT NULL, status text NOT NULL, expires_at timestamptz,
	promotion_code text, UNIQUE (acquisition_id, customer_id));
CREATE TABLE segments.redemption (
	redemption_id bigint PRIMARY KEY, acquisition_id bigint NOT NULL, customer_id bigint NOT NULL,
	kind text NOT NULL, redeemed_at timestamptz NOT NULL);
CREATE TABLE segments.point_event (
	point_event_id bigint PRIMARY KEY, acquisition_id bigint NOT NULL, customer_id bigint NOT NULL,
	points integer NOT NULL, earned_at timestamptz NOT NULL);
CREATE TABLE segments.custom_field (field_id bigint PRIMARY KEY, name text UNIQUE NOT NULL, data_type text NOT NULL);
CREATE TABLE segments.custom_field_value (
	customer_id bigint NOT NULL, field_id bigint NOT NULL, value text,
	PRIMARY KEY (customer_id, field_id));
CREATE TABLE segments.segment (segment_id bigint PRIMARY KEY);
CREATE TABLE segments.segment_member (
	segment_id bigint NOT NULL, customer_id bigint NOT NULL, joined_at timestamptz NOT NULL,
	PRIMARY KEY (segment_id, customer_id));

-- 10 passes, 8 products, 2 prizes.
INSERT INTO segments.item
SELECT i, 'item ' || i, CASE WHEN i <= 10 THEN 'pass' WHEN i <= 18 THEN 'product' ELSE 'prize' END
FROM generate_series(1, 20) i;

INSERT INTO segments.customer
SELECT i, 'c' || i || '@example.org', 'First', 'Last', NULL,
	timestamptz '2023-01-01' + random() * interval '1000 days',
	(ARRAY['Denver', 'Boulder', ' denver ', 'Aspen', 'Vail'])[1 + (i % 5)],
	(ARRAY['CO', 'UT', 'WY'])[1 + (i % 3)],
	(ARRAY['US', 'us', 'CA', 'MX', 'FJ', 'NZ'])[1 + (i % 6)],
	lpad((i % 99999)::text, 5, '0'),
	CASE WHEN i % 10 = 0 THEN NULL ELSE -60 + random() * 130 END,
	CASE WHEN i % 10 = 0 THEN NULL ELSE -180 + random() * 360 END
FROM generate_series(1, 1000000) i;

INSERT INTO segments.acquisition
SELECT a, 1 + (a - 1) / 3, 1 + floor(random() * 20)::int, t,
	(ARRAY['active', 'active', 'active', 'expired', 'inactive', 'refunded', 'cancelled'])[1 + floor(random() * 7)::int],
	CASE WHEN random() < 0.8 THEN t + interval '1 year' END,
	CASE WHEN random() < 0.1 THEN (ARRAY['SUMMER24', ' summer24', 'WELCOME', 'VIP'])[1 + floor(random() * 4)::int] END
FROM (SELECT a, timestamptz '2024-01-01' + random() * interval '800 days' AS t
	  FROM generate_series(1, 3000000) a) s;

INSERT INTO segments.redemption
SELECT r, acquisition_id, customer_id,
	CASE WHEN random() < 0.7 THEN 'check_in' ELSE 'voucher' END,
	acquired_at + random() * interval '200 days'
FROM (SELECT r, 1 + floor(random() * 3000000)::bigint AS aid FROM generate_series(1, 8000000) r) s
JOIN segments.acquisition a ON a.acquisition_id = s.aid;

INSERT INTO segments.point_event
SELECT p, acquisition_id, customer_id, (floor(random() * 60) - 10)::int,
	acquired_at + random() * interval '200 days'
FROM (SELECT p, 1 + floor(random() * 3000000)::bigint AS aid FROM generate_series(1, 8000000) p) s
JOIN segments.acquisition a ON a.acquisition_id = s.aid;

INSERT INTO segments.custom_field VALUES
	(1, 'favorite_activity', 'text'), (2, 'age', 'number'), (3, 'birthday', 'date'),
	(4, 'newsletter', 'boolean'), (5, 'home_town', 'text');

INSERT INTO segments.custom_field_value
SELECT c, f, CASE f
	WHEN 1 THEN (ARRAY['Hiking', ' hiking ', 'skiing', 'Biking', ''])[1 + c % 5]
	WHEN 2 THEN CASE WHEN c % 50 = 0 THEN 'n/a' ELSE (18 + c % 60)::text END
	WHEN 3 THEN CASE WHEN c % 97 = 0 THEN '2023-02-30' ELSE (date '1950-01-01' + (c % 20000))::text END
	WHEN 4 THEN (ARRAY['true', 'no', 'Yes', '0', 'maybe'])[1 + c % 5]
	ELSE 'town ' || (c % 1000) END
FROM generate_series(1, 1000000) c, generate_series(1, 5) f
WHERE random() < 0.6;

INSERT INTO segments.segment VALUES (1), (2);
INSERT INTO segments.segment_member
SELECT 1, c, now() FROM generate_series(1, 1000000, 4) c;

VACUUM ANALYZE;
