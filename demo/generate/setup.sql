-- Generator part 1: checks the parameters, empties the data tables, creates
-- the schema demo (settings, passes, places, venues, helper functions) and the
-- items, custom fields and customers. Needs the psql variables scale, seed and
-- reference (demo/generate.sql sets their defaults).

-- Check the parameters before anything is replaced.
SELECT set_config('demo.scale', :'scale', true), set_config('demo.seed', :'seed', true),
       set_config('demo.reference', :'reference', true)
\g /dev/null
DO $$
BEGIN
    IF current_setting('demo.scale') !~ '^\s*[0-9]{1,9}\s*$'
       OR current_setting('demo.scale')::bigint NOT BETWEEN 1 AND 50000000 THEN
        RAISE EXCEPTION 'invalid scale "%"', current_setting('demo.scale')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Give the number of customers, from 1 to 50000000, as -v scale=N.';
    END IF;
    IF current_setting('demo.seed') !~ '^\s*-?[0-9]{1,15}\s*$' THEN
        RAISE EXCEPTION 'invalid seed "%"', current_setting('demo.seed')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Give a whole number with at most 15 digits as -v seed=N.';
    END IF;
    PERFORM current_setting('demo.reference')::timestamptz;
END
$$;

\ir settings.sql

-- Start from empty tables. TRUNCATE gives each table a new file, so with
-- wal_level = minimal the rows below are not written to the WAL at all.
TRUNCATE segments.customer, segments.item, segments.acquisition, segments.redemption,
    segments.point_event, segments.custom_field, segments.custom_field_value CASCADE;

-- demo/generate.sh builds the customer indexes in a transaction of their own;
-- when a run failed before that, build them now, before the schema holding
-- their definitions is replaced.
DO $$
BEGIN
    IF to_regprocedure('demo.restore_indexes(regclass)') IS NOT NULL THEN
        PERFORM demo.restore_indexes(NULL);
    END IF;
END
$$;

DROP SCHEMA IF EXISTS demo CASCADE;
CREATE SCHEMA demo;
COMMENT ON SCHEMA demo IS
    'Generated demo pass program: settings, partner venues and helpers (demo/generate.sql).';

-- Loading rows and then building an index is faster than updating the index
-- row by row: measured at 100,000 customers, 1.5 s instead of 3.3 s for the
-- redemptions. So each part sets aside the indexes of the table it loads and
-- builds them again from their own definitions afterwards, in the same
-- transaction except for the customer indexes under demo/generate.sh. Indexes
-- that a constraint uses (primary keys, unique keys) stay.
CREATE TABLE demo.set_aside_index (
    table_name text NOT NULL,
    index_name text PRIMARY KEY,
    definition text NOT NULL,
    description text
);
COMMENT ON TABLE demo.set_aside_index IS 'Indexes dropped while their table is loaded, to be built again.';
COMMENT ON COLUMN demo.set_aside_index.table_name IS 'The table, as regclass text.';
COMMENT ON COLUMN demo.set_aside_index.index_name IS 'The index, as regclass text.';
COMMENT ON COLUMN demo.set_aside_index.definition IS 'The CREATE INDEX statement, from pg_get_indexdef().';
COMMENT ON COLUMN demo.set_aside_index.description IS 'The comment on the index, if any.';

CREATE FUNCTION demo.set_aside_indexes(target regclass)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    dropped integer := 0;
    index_row record;
BEGIN
    FOR index_row IN
        SELECT i.indexrelid::regclass::text AS index_name,
               pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
               pg_catalog.obj_description(i.indexrelid, 'pg_class') AS description
        FROM pg_catalog.pg_index AS i
        WHERE i.indrelid = target
          AND NOT i.indisreplident
          AND NOT i.indisclustered
          AND NOT EXISTS (SELECT FROM pg_catalog.pg_constraint AS c WHERE c.conindid = i.indexrelid)
    LOOP
        INSERT INTO demo.set_aside_index (table_name, index_name, definition, description)
        VALUES (target::text, index_row.index_name, index_row.definition, index_row.description);
        -- The name comes from regclass output, which quotes it where needed.
        EXECUTE 'DROP INDEX ' || index_row.index_name;
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END
$$;
COMMENT ON FUNCTION demo.set_aside_indexes(regclass) IS
    'Drops the indexes of a table that no constraint uses, keeping their definitions in demo.set_aside_index; returns how many.';

CREATE FUNCTION demo.restore_indexes(target regclass)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    built integer := 0;
    index_row record;
BEGIN
    FOR index_row IN
        DELETE FROM demo.set_aside_index
        WHERE target IS NULL OR table_name = target::text
        RETURNING index_name, definition, description
    LOOP
        EXECUTE index_row.definition;
        IF index_row.description IS NOT NULL THEN
            EXECUTE format('COMMENT ON INDEX %s IS %L', index_row.index_name, index_row.description);
        END IF;
        built := built + 1;
    END LOOP;
    RETURN built;
END
$$;
COMMENT ON FUNCTION demo.restore_indexes(regclass) IS
    'Builds the indexes demo.set_aside_indexes() dropped from a table (from every table when NULL); returns how many.';

CREATE TABLE demo.setting (
    scale bigint NOT NULL,
    seed bigint NOT NULL,
    reference timestamptz NOT NULL,
    generated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
COMMENT ON TABLE demo.setting IS 'The parameters the demo data was generated with (one row).';
COMMENT ON COLUMN demo.setting.scale IS 'Number of customers.';
COMMENT ON COLUMN demo.setting.seed IS 'Seed of every random choice.';
COMMENT ON COLUMN demo.setting.reference IS 'The instant the data ends at; evaluate segments as of it.';
COMMENT ON COLUMN demo.setting.generated_at IS 'When the generation started.';
INSERT INTO demo.setting (scale, seed, reference) VALUES (:scale, :seed, :'reference');

-- A number in [0, 1) that depends only on (seed, stream, key): 53 bits of a
-- 64-bit hash. Plain SQL and immutable, so the planner inlines it.
CREATE FUNCTION demo.uniform(seed bigint, stream integer, key bigint)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT (pg_catalog.hashint8extended(key, seed * 1000 + stream) & 9007199254740991)::double precision
           / 9007199254740992.0
$$;
COMMENT ON FUNCTION demo.uniform(bigint, integer, bigint) IS
    'Returns a pseudo-random number in [0, 1) determined by seed, stream and key.';

-- The items of the pass program, with fixed ids that segment definitions use.
INSERT INTO segments.item (item_id, name, kind) VALUES
    (1, 'Explorer Pass', 'pass'),
    (2, 'Ale Trail Pass', 'pass'),
    (3, 'Holiday Lights Pass', 'pass'),
    (4, 'Sightseeing Pass, 30 days', 'pass'),
    (5, 'Outdoor Adventure Pass, 90 days', 'pass'),
    (6, 'Annual All-Access Pass', 'pass'),
    (11, 'Trail map and guidebook', 'product'),
    (12, 'Insulated water bottle', 'product'),
    (13, 'Downtown parking, 3 days', 'product'),
    (14, 'Souvenir T-shirt', 'product'),
    (15, 'Gift card, $25', 'product'),
    (21, 'Sticker pack', 'prize'),
    (22, 'Pint glass', 'prize'),
    (23, 'Explorer T-shirt', 'prize'),
    (24, 'Mountain weekend for two', 'prize');

-- Validity and pricing of each pass; the prizes each pass leads to are in
-- demo.prize_rule.
CREATE TABLE demo.pass (
    item_id bigint PRIMARY KEY REFERENCES segments.item,
    valid_days integer NOT NULL,
    paid boolean NOT NULL,
    usage_factor double precision NOT NULL
);
COMMENT ON TABLE demo.pass IS 'How long each pass is valid, whether it is paid, and how much it is used.';
COMMENT ON COLUMN demo.pass.item_id IS 'The pass.';
COMMENT ON COLUMN demo.pass.valid_days IS 'Days from acquisition to expiry.';
COMMENT ON COLUMN demo.pass.paid IS 'Whether the pass is sold (true) or given away at signup (false).';
COMMENT ON COLUMN demo.pass.usage_factor IS 'Multiplies the number of check-ins a holder makes.';
INSERT INTO demo.pass VALUES
    (1, 365, false, 1.0),
    (2, 90, false, 0.8),
    (3, 30, false, 0.5),
    (4, 30, true, 1.2),
    (5, 90, true, 1.0),
    (6, 365, true, 1.4);

CREATE TABLE demo.prize_rule (
    pass_id bigint NOT NULL REFERENCES demo.pass,
    check_ins integer NOT NULL,
    prize_id bigint NOT NULL REFERENCES segments.item,
    PRIMARY KEY (pass_id, check_ins)
);
COMMENT ON TABLE demo.prize_rule IS 'The prize a holder may claim on reaching a number of check-ins on a pass.';
COMMENT ON COLUMN demo.prize_rule.pass_id IS 'The pass checked in with.';
COMMENT ON COLUMN demo.prize_rule.check_ins IS 'Check-ins on one acquisition of the pass that earn the prize.';
COMMENT ON COLUMN demo.prize_rule.prize_id IS 'The prize item.';
INSERT INTO demo.prize_rule VALUES (1, 3, 21), (1, 8, 22), (1, 15, 23), (1, 30, 24), (2, 5, 22);

INSERT INTO segments.custom_field (field_id, name, data_type) VALUES
    (1, 'favorite_activity', 'text'),
    (2, 'party_size', 'number'),
    (3, 'visit_date', 'date'),
    (4, 'newsletter_opt_in', 'boolean');

-- Where customers live. band: local (around the destination), regional, rest
-- of the country, abroad, and one row for customers with no address. weight is
-- the share of customers in thousandths.
CREATE TABLE demo.place (
    place_id integer PRIMARY KEY,
    band text NOT NULL,
    city text,
    region text,
    country text,
    postal_codes text[],
    area_code text,
    latitude double precision,
    longitude double precision,
    weight integer NOT NULL
);
COMMENT ON TABLE demo.place IS 'Towns and cities customers live in, with their share of customers.';
COMMENT ON COLUMN demo.place.place_id IS 'Identifier of the place.';
COMMENT ON COLUMN demo.place.band IS 'local, regional, national, abroad or unknown (no address).';
COMMENT ON COLUMN demo.place.city IS 'City name.';
COMMENT ON COLUMN demo.place.region IS 'State or province code.';
COMMENT ON COLUMN demo.place.country IS 'ISO 3166-1 alpha-2 country code.';
COMMENT ON COLUMN demo.place.postal_codes IS 'Postal codes customers of this place get, one chosen per customer.';
COMMENT ON COLUMN demo.place.area_code IS 'Telephone area code of US places; NULL elsewhere.';
COMMENT ON COLUMN demo.place.latitude IS 'Latitude of the center in degrees.';
COMMENT ON COLUMN demo.place.longitude IS 'Longitude of the center in degrees.';
COMMENT ON COLUMN demo.place.weight IS 'Customers living here per 1000 customers.';
INSERT INTO demo.place VALUES
    -- Around the destination: 450 in 1000.
    (1, 'local', 'Asheville', 'NC', 'US', '{28801,28803,28804,28805,28806}', '828', 35.5951, -82.5515, 200),
    (2, 'local', 'Black Mountain', 'NC', 'US', '{28711}', '828', 35.6179, -82.3212, 25),
    (3, 'local', 'Weaverville', 'NC', 'US', '{28787}', '828', 35.6970, -82.5607, 22),
    (4, 'local', 'Hendersonville', 'NC', 'US', '{28739,28791,28792}', '828', 35.3185, -82.4610, 45),
    (5, 'local', 'Waynesville', 'NC', 'US', '{28786}', '828', 35.4887, -82.9887, 22),
    (6, 'local', 'Brevard', 'NC', 'US', '{28712}', '828', 35.2334, -82.7343, 18),
    (7, 'local', 'Canton', 'NC', 'US', '{28716}', '828', 35.5329, -82.8374, 12),
    (8, 'local', 'Fletcher', 'NC', 'US', '{28732}', '828', 35.4307, -82.5012, 18),
    (9, 'local', 'Arden', 'NC', 'US', '{28704}', '828', 35.4665, -82.5165, 20),
    (10, 'local', 'Candler', 'NC', 'US', '{28715}', '828', 35.5365, -82.6929, 15),
    (11, 'local', 'Swannanoa', 'NC', 'US', '{28778}', '828', 35.5979, -82.3999, 12),
    (12, 'local', 'Mars Hill', 'NC', 'US', '{28754}', '828', 35.8265, -82.5490, 8),
    (13, 'local', 'Marshall', 'NC', 'US', '{28753}', '828', 35.7973, -82.6843, 6),
    (14, 'local', 'Leicester', 'NC', 'US', '{28748}', '828', 35.6523, -82.6960, 10),
    (15, 'local', 'Mills River', 'NC', 'US', '{28759}', '828', 35.3885, -82.5668, 10),
    (16, 'local', 'Old Fort', 'NC', 'US', '{28762}', '828', 35.6287, -82.1790, 7),
    -- A day's drive: 300 in 1000.
    (20, 'regional', 'Charlotte', 'NC', 'US', '{28202,28203,28204,28205,28209,28277}', '704', 35.2271, -80.8431, 50),
    (21, 'regional', 'Raleigh', 'NC', 'US', '{27601,27603,27605,27608,27615}', '919', 35.7796, -78.6382, 28),
    (22, 'regional', 'Durham', 'NC', 'US', '{27701,27705,27707}', '919', 35.9940, -78.8986, 14),
    (23, 'regional', 'Greensboro', 'NC', 'US', '{27401,27403,27408}', '336', 36.0726, -79.7920, 14),
    (24, 'regional', 'Winston-Salem', 'NC', 'US', '{27101,27103,27104}', '336', 36.0999, -80.2442, 12),
    (25, 'regional', 'Boone', 'NC', 'US', '{28607}', '828', 36.2168, -81.6746, 8),
    (26, 'regional', 'Hickory', 'NC', 'US', '{28601,28602}', '828', 35.7331, -81.3412, 10),
    (27, 'regional', 'Wilmington', 'NC', 'US', '{28401,28403,28405}', '910', 34.2257, -77.9447, 9),
    (28, 'regional', 'Greenville', 'SC', 'US', '{29601,29605,29607,29609}', '864', 34.8526, -82.3940, 32),
    (29, 'regional', 'Spartanburg', 'SC', 'US', '{29301,29302,29303}', '864', 34.9496, -81.9320, 12),
    (30, 'regional', 'Columbia', 'SC', 'US', '{29201,29205,29209}', '803', 34.0007, -81.0348, 12),
    (31, 'regional', 'Charleston', 'SC', 'US', '{29401,29403,29407}', '843', 32.7765, -79.9311, 12),
    (32, 'regional', 'Knoxville', 'TN', 'US', '{37902,37909,37919,37922}', '865', 35.9606, -83.9207, 24),
    (33, 'regional', 'Johnson City', 'TN', 'US', '{37601,37604}', '423', 36.3134, -82.3535, 10),
    (34, 'regional', 'Chattanooga', 'TN', 'US', '{37402,37405,37421}', '423', 35.0456, -85.3097, 10),
    (35, 'regional', 'Nashville', 'TN', 'US', '{37203,37206,37212}', '615', 36.1627, -86.7816, 10),
    (36, 'regional', 'Atlanta', 'GA', 'US', '{30303,30306,30308,30318,30324}', '404', 33.7490, -84.3880, 24),
    (37, 'regional', 'Roanoke', 'VA', 'US', '{24011,24014}', '540', 37.2710, -79.9414, 5),
    (38, 'regional', 'Richmond', 'VA', 'US', '{23219,23220,23226}', '804', 37.5407, -77.4360, 4),
    -- The rest of the country: 170 in 1000.
    (50, 'national', 'New York', 'NY', 'US', '{10001,10011,10024,10128,11201,11215}', '212', 40.7128, -74.0060, 18),
    (51, 'national', 'Washington', 'DC', 'US', '{20001,20002,20009,20016}', '202', 38.9072, -77.0369, 10),
    (52, 'national', 'Philadelphia', 'PA', 'US', '{19103,19106,19146}', '215', 39.9526, -75.1652, 7),
    (53, 'national', 'Baltimore', 'MD', 'US', '{21201,21224,21230}', '410', 39.2904, -76.6122, 5),
    (54, 'national', 'Boston', 'MA', 'US', '{02108,02116,02130}', '617', 42.3601, -71.0589, 7),
    (55, 'national', 'Pittsburgh', 'PA', 'US', '{15213,15222}', '412', 40.4406, -79.9959, 4),
    (56, 'national', 'Miami', 'FL', 'US', '{33130,33131,33139}', '305', 25.7617, -80.1918, 8),
    (57, 'national', 'Orlando', 'FL', 'US', '{32801,32803,32819}', '407', 28.5383, -81.3792, 9),
    (58, 'national', 'Tampa', 'FL', 'US', '{33602,33606,33611}', '813', 27.9506, -82.4572, 9),
    (59, 'national', 'Jacksonville', 'FL', 'US', '{32202,32207,32256}', '904', 30.3322, -81.6557, 7),
    (60, 'national', 'Birmingham', 'AL', 'US', '{35203,35209}', '205', 33.5186, -86.8104, 5),
    (61, 'national', 'Louisville', 'KY', 'US', '{40202,40204}', '502', 38.2527, -85.7585, 5),
    (62, 'national', 'Cincinnati', 'OH', 'US', '{45202,45208}', '513', 39.1031, -84.5120, 5),
    (63, 'national', 'Columbus', 'OH', 'US', '{43215,43201}', '614', 39.9612, -82.9988, 6),
    (64, 'national', 'Cleveland', 'OH', 'US', '{44113,44114}', '216', 41.4993, -81.6944, 3),
    (65, 'national', 'Detroit', 'MI', 'US', '{48201,48226}', '313', 42.3314, -83.0458, 3),
    (66, 'national', 'Chicago', 'IL', 'US', '{60601,60614,60657}', '312', 41.8781, -87.6298, 9),
    (67, 'national', 'Indianapolis', 'IN', 'US', '{46204,46220}', '317', 39.7684, -86.1581, 4),
    (68, 'national', 'Minneapolis', 'MN', 'US', '{55401,55408}', '612', 44.9778, -93.2650, 3),
    (69, 'national', 'St. Louis', 'MO', 'US', '{63101,63110}', '314', 38.6270, -90.1994, 3),
    (70, 'national', 'Memphis', 'TN', 'US', '{38103,38104}', '901', 35.1495, -90.0490, 3),
    (71, 'national', 'New Orleans', 'LA', 'US', '{70112,70115,70130}', '504', 29.9511, -90.0715, 4),
    (72, 'national', 'Houston', 'TX', 'US', '{77002,77006,77019}', '713', 29.7604, -95.3698, 6),
    (73, 'national', 'Dallas', 'TX', 'US', '{75201,75204,75214}', '214', 32.7767, -96.7970, 6),
    (74, 'national', 'Austin', 'TX', 'US', '{78701,78704,78745}', '512', 30.2672, -97.7431, 5),
    (75, 'national', 'Denver', 'CO', 'US', '{80202,80205,80210}', '303', 39.7392, -104.9903, 4),
    (76, 'national', 'Phoenix', 'AZ', 'US', '{85004,85016}', '602', 33.4484, -112.0740, 3),
    (77, 'national', 'Seattle', 'WA', 'US', '{98101,98103,98115}', '206', 47.6062, -122.3321, 3),
    (78, 'national', 'San Francisco', 'CA', 'US', '{94103,94110,94117}', '415', 37.7749, -122.4194, 3),
    (79, 'national', 'Los Angeles', 'CA', 'US', '{90012,90026,90034}', '213', 34.0522, -118.2437, 3),
    -- Abroad: 50 in 1000.
    (90, 'abroad', 'Toronto', 'ON', 'CA', '{M5V 2T6,M4C 1B5,M6J 1E6}', NULL, 43.6532, -79.3832, 10),
    (91, 'abroad', 'Montréal', 'QC', 'CA', '{H2X 1Y4,H2T 1S6}', NULL, 45.5017, -73.5673, 5),
    (92, 'abroad', 'London', 'England', 'GB', '{EC1A 1BB,SW1A 2AA,N1 9GU,SE1 7PB}', NULL, 51.5072, -0.1276, 9),
    (93, 'abroad', 'Manchester', 'England', 'GB', '{M1 1AE,M4 6WX}', NULL, 53.4808, -2.2426, 3),
    (94, 'abroad', 'Berlin', 'BE', 'DE', '{10115,10243,10437}', NULL, 52.5200, 13.4050, 5),
    (95, 'abroad', 'München', 'BY', 'DE', '{80331,80469}', NULL, 48.1351, 11.5820, 3),
    (96, 'abroad', 'Paris', 'Île-de-France', 'FR', '{75001,75011,75018}', NULL, 48.8566, 2.3522, 3),
    (97, 'abroad', 'Amsterdam', 'NH', 'NL', '{1012 JS,1017 CT}', NULL, 52.3676, 4.9041, 3),
    (98, 'abroad', 'Dublin', 'Dublin', 'IE', '{D02 F205,D08 VF8H}', NULL, 53.3498, -6.2603, 3),
    (99, 'abroad', 'Mexico City', 'CMX', 'MX', '{06000,06700,11560}', NULL, 19.4326, -99.1332, 3),
    (100, 'abroad', 'Sydney', 'NSW', 'AU', '{2000,2010}', NULL, -33.8688, 151.2093, 2),
    (101, 'abroad', 'Auckland', 'AUK', 'NZ', '{1010,1021}', NULL, -36.8485, 174.7633, 1),
    -- No address given: 30 in 1000.
    (0, 'unknown', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 30);

-- 1000 slots, each naming a place, so that a uniform number picks a place with
-- its weight through one equality join.
CREATE TABLE demo.place_slot AS
SELECT (row_number() OVER (ORDER BY p.place_id, s) - 1)::integer AS slot, p.place_id
FROM demo.place AS p, generate_series(1, p.weight) AS s;
ALTER TABLE demo.place_slot ADD PRIMARY KEY (slot);
COMMENT ON TABLE demo.place_slot IS 'Slot i of 1000 names a place; places have as many slots as their weight.';
COMMENT ON COLUMN demo.place_slot.slot IS 'Slot number, 0 to 999.';
COMMENT ON COLUMN demo.place_slot.place_id IS 'The place.';

DO $$
BEGIN
    IF (SELECT count(*) FROM demo.place_slot) <> 1000 THEN
        RAISE EXCEPTION 'the weights of demo.place add up to %, not 1000',
            (SELECT count(*) FROM demo.place_slot);
    END IF;
END
$$;

-- Partner venues around the destination. Redemptions are made at venues; the
-- data model has no venue column, so demo.redemption_venue derives each
-- redemption's venue from its id with the same hash the points use.
CREATE TABLE demo.venue (
    venue_id integer PRIMARY KEY,
    name text NOT NULL,
    category text NOT NULL,
    latitude double precision NOT NULL,
    longitude double precision NOT NULL,
    points_per_check_in integer NOT NULL,
    weight integer NOT NULL
);
COMMENT ON TABLE demo.venue IS 'Partner venues where passholders check in and use vouchers.';
COMMENT ON COLUMN demo.venue.venue_id IS 'Identifier of the venue.';
COMMENT ON COLUMN demo.venue.name IS 'Name of the venue (made up).';
COMMENT ON COLUMN demo.venue.category IS 'brewery, food, outdoors, arts, attraction or shop.';
COMMENT ON COLUMN demo.venue.latitude IS 'Latitude in degrees.';
COMMENT ON COLUMN demo.venue.longitude IS 'Longitude in degrees.';
COMMENT ON COLUMN demo.venue.points_per_check_in IS 'Points a check-in here earns.';
COMMENT ON COLUMN demo.venue.weight IS 'Relative share of the redemptions made here.';
INSERT INTO demo.venue VALUES
    (1, 'Riverbend Brewing Co.', 'brewery', 35.5870, -82.5660, 10, 48),
    (2, 'Foggy Ridge Ales', 'brewery', 35.5930, -82.5520, 10, 42),
    (3, 'Copper Kettle Brewhouse', 'brewery', 35.5789, -82.5893, 10, 36),
    (4, 'Laurel Hollow Cider', 'brewery', 35.6012, -82.5401, 10, 25),
    (5, 'Blue Heron Taproom', 'brewery', 35.5950, -82.5565, 10, 30),
    (6, 'Switchback Beer Garden', 'brewery', 35.5655, -82.5436, 10, 28),
    (7, 'Mountain Mash Distillery', 'brewery', 35.5770, -82.5935, 15, 18),
    (8, 'Sourwood Cellars', 'brewery', 35.6150, -82.3210, 10, 14),
    (9, 'Hearth & Hollow Kitchen', 'food', 35.5947, -82.5531, 5, 30),
    (10, 'Biscuit Barn', 'food', 35.5955, -82.5505, 5, 34),
    (11, 'Trailside Tacos', 'food', 35.5840, -82.5710, 5, 22),
    (12, 'Chestnut Street Creamery', 'food', 35.6010, -82.5480, 5, 26),
    (13, 'Old Mill Bakery', 'food', 35.4890, -82.9880, 5, 12),
    (14, 'Rhododendron Cafe', 'food', 35.5960, -82.5580, 5, 20),
    (15, 'Smokehouse on Lexington', 'food', 35.5962, -82.5538, 5, 24),
    (16, 'Pisgah Outfitters', 'outdoors', 35.2830, -82.7860, 20, 18),
    (17, 'French Broad River Tubing', 'outdoors', 35.5690, -82.5850, 20, 26),
    (18, 'Craggy Overlook Trailhead', 'outdoors', 35.7000, -82.3760, 20, 24),
    (19, 'Looking Glass Falls Shuttle', 'outdoors', 35.2966, -82.7693, 20, 16),
    (20, 'Blue Ridge Zipline Park', 'outdoors', 35.6630, -82.5290, 25, 18),
    (21, 'Mount Mitchell Ranger Station', 'outdoors', 35.7650, -82.2650, 20, 10),
    (22, 'Bent Creek Bike Rental', 'outdoors', 35.4990, -82.6100, 20, 14),
    (23, 'River Arts Studio Collective', 'arts', 35.5820, -82.5700, 10, 26),
    (24, 'Lexington Glassworks', 'arts', 35.5870, -82.5690, 10, 14),
    (25, 'Folk Art Center', 'arts', 35.6170, -82.4880, 10, 16),
    (26, 'Orange Peel Music Hall', 'arts', 35.5920, -82.5510, 10, 24),
    (27, 'Mountain Heritage Museum', 'arts', 35.5950, -82.5480, 10, 14),
    (28, 'Grove Arcade Gallery', 'arts', 35.5970, -82.5545, 10, 12),
    (29, 'Biltmore Village Trolley', 'attraction', 35.5680, -82.5440, 15, 30),
    (30, 'Botanical Gardens at the Ridge', 'attraction', 35.6130, -82.5670, 15, 22),
    (31, 'Chimney Rock Shuttle', 'attraction', 35.4390, -82.2460, 20, 14),
    (32, 'Nature Center & Wildlife Park', 'attraction', 35.5860, -82.4990, 15, 22),
    (33, 'Sliding Rock Day Trip', 'attraction', 35.3110, -82.7870, 20, 12),
    (34, 'Historic Carousel Park', 'attraction', 35.3180, -82.4600, 15, 10),
    (35, 'Scenic Railway Depot', 'attraction', 35.3700, -83.2260, 20, 8),
    (36, 'Wall Street Books', 'shop', 35.5955, -82.5540, 5, 12),
    (37, 'Fiddle & Banjo Shop', 'shop', 35.5945, -82.5520, 5, 8),
    (38, 'Cheese & Honey Market', 'shop', 35.5980, -82.5560, 5, 12),
    (39, 'Mountain Goods Co-op', 'shop', 35.5800, -82.5870, 5, 10),
    (40, 'Weaverville Antiques Row', 'shop', 35.6970, -82.5600, 5, 11);

CREATE TABLE demo.venue_slot AS
SELECT (row_number() OVER (ORDER BY v.venue_id, s) - 1)::integer AS slot, v.venue_id
FROM demo.venue AS v, generate_series(1, v.weight) AS s;
ALTER TABLE demo.venue_slot ADD PRIMARY KEY (slot);
COMMENT ON TABLE demo.venue_slot IS 'Slot i names a venue; venues have as many slots as their weight.';
COMMENT ON COLUMN demo.venue_slot.slot IS 'Slot number, from 0.';
COMMENT ON COLUMN demo.venue_slot.venue_id IS 'The venue.';

-- The points a check-in earns at its venue; slot_points lists the points of
-- the venue of each slot of demo.venue_slot, in slot order.
CREATE FUNCTION demo.venue_points(seed bigint, redemption_id bigint, slot_points integer[])
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT slot_points[1 + floor(demo.uniform(seed, 60, redemption_id) * cardinality(slot_points))::integer]
$$;
COMMENT ON FUNCTION demo.venue_points(bigint, bigint, integer[]) IS
    'Returns the points of the check-in with this redemption_id, given the points of each venue slot.';

-- The venue a redemption took place at: stream 60 of its redemption_id.
CREATE VIEW demo.redemption_venue AS
SELECT r.redemption_id, r.customer_id, r.acquisition_id, r.kind, r.redeemed_at,
       v.venue_id, v.name AS venue_name, v.category
FROM segments.redemption AS r
CROSS JOIN demo.setting AS s
JOIN demo.venue_slot AS vs
    ON vs.slot = floor(demo.uniform(s.seed, 60, r.redemption_id)
                       * (SELECT count(*) FROM demo.venue_slot))::integer
JOIN demo.venue AS v ON v.venue_id = vs.venue_id;
COMMENT ON VIEW demo.redemption_venue IS 'Every redemption with the partner venue it took place at.';

-- The check-in that is number k of check_ins on a pass: spread over the usage
-- span from one hour after the acquisition, more of them early on. u is the
-- check-in's own random number. Redemptions, points and prize claims all use it.
CREATE FUNCTION demo.check_in_at(acquired_at timestamptz, span_seconds double precision,
                                 check_ins integer, k integer, u double precision)
RETURNS timestamptz
-- STABLE like timestamptz + interval, which the planner needs to inline it.
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT acquired_at + interval '1 hour'
           + span_seconds * ((k - 1 + u) / check_ins) ^ 1.6 * interval '1 second'
$$;
COMMENT ON FUNCTION demo.check_in_at(timestamptz, double precision, integer, integer, double precision) IS
    'Returns when check-in k of check_ins on a pass happened, given the usage span in seconds and a random number in [0, 1).';

-- Customers sign up over the 730 days before the reference instant. Day d is
-- the 24 hours from reference - (730 - d) days; its weight sets how many
-- customers sign up on it: summer and October are busy, the winter holidays
-- too, weekends more than weekdays, and the program grows over the two years.
-- Customers are numbered in signup order: day d gets numbers first_n to last_n.
CREATE TEMPORARY TABLE signup_day AS
WITH day AS (
    SELECT d, :'reference'::timestamptz - (730 - d) * interval '1 day' AS starts_at
    FROM generate_series(0, 729) AS d
),
weighted AS (
    SELECT d, starts_at,
           (1 + 0.45 * cos(2 * pi() * (extract(doy FROM local_date) - 196) / 365.25))
           * CASE WHEN extract(month FROM local_date) = 10 THEN 1.25 ELSE 1 END
           * CASE WHEN local_date - make_date(extract(year FROM local_date)::integer, 11, 20)
                       BETWEEN 0 AND 40 THEN 1.4 ELSE 1 END
           * CASE WHEN extract(isodow FROM local_date) >= 6 THEN 1.3 ELSE 1 END
           * (0.7 + 0.6 * d / 729.0)
           * (0.85 + 0.3 * demo.uniform(:seed, 1, d)) AS weight
    FROM (SELECT d, starts_at, (starts_at AT TIME ZONE 'America/New_York')::date AS local_date
          FROM day) AS local_day
),
cumulative AS (
    SELECT d, starts_at, sum(weight) OVER (ORDER BY d) AS running, sum(weight) OVER () AS total
    FROM weighted
)
SELECT d, starts_at,
       lag(last_n, 1, 0::bigint) OVER (ORDER BY d) + 1 AS first_n,
       last_n
FROM (SELECT d, starts_at,
             CASE WHEN d = 729 THEN :scale ELSE round(:scale * running / total)::bigint END AS last_n
      FROM cumulative) AS bounded;

-- Customers. Streams 2 to 19 are per customer (key customer_id).
SELECT demo.set_aside_indexes('segments.customer') \g /dev/null
INSERT INTO segments.customer (customer_id, email, first_name, last_name, phone, created_at,
                               city, region, country, postal_code, latitude, longitude)
SELECT n,
       CASE WHEN u_email < 0.02 THEN NULL
            ELSE CASE WHEN u_email < 0.06 THEN initcap(email_local) ELSE email_local END
                 || '@' || (ARRAY['example.com', 'example.net', 'example.org'])[1 + (n % 3)::integer]
       END,
       first_name, last_name,
       CASE WHEN p.area_code IS NULL OR demo.uniform(:seed, 8, n) < 0.35 THEN NULL
            ELSE format('(%s) 555-01%s', p.area_code, lpad((n % 100)::text, 2, '0'))
       END,
       created_at,
       CASE WHEN u_city < 0.04 THEN lower(p.city)
            WHEN u_city < 0.06 THEN upper(p.city)
            WHEN u_city < 0.09 THEN p.city || ' '
            WHEN u_city < 0.10 THEN ' ' || p.city
            ELSE p.city
       END,
       CASE WHEN p.region = 'NC' AND u_region < 0.03 THEN 'North Carolina' ELSE p.region END,
       CASE WHEN p.country = 'US' AND u_region >= 0.97 THEN 'USA'
            WHEN p.country = 'US' AND u_region >= 0.96 THEN 'United States'
            ELSE p.country
       END,
       CASE WHEN p.postal_codes IS NULL THEN NULL
            ELSE p.postal_codes[1 + floor(demo.uniform(:seed, 9, n) * cardinality(p.postal_codes))::integer]
                 || CASE WHEN p.country = 'US' AND u_region BETWEEN 0.50 AND 0.53
                         THEN '-' || lpad((n % 10000)::text, 4, '0') ELSE '' END
       END,
       -- About 4% of addresses could not be located.
       CASE WHEN u_geo >= 0.04 THEN
           p.latitude + (demo.uniform(:seed, 11, n) + demo.uniform(:seed, 12, n) - 1)
               * CASE WHEN p.band = 'local' THEN 0.05 ELSE 0.08 END
       END,
       CASE WHEN u_geo >= 0.04 THEN
           p.longitude + (demo.uniform(:seed, 13, n) + demo.uniform(:seed, 14, n) - 1)
               * CASE WHEN p.band = 'local' THEN 0.06 ELSE 0.10 END
       END
FROM (
    SELECT n, created_at, u_email, u_city, u_region, u_geo, place_id, first_name, last_name,
           lower(translate(
               CASE WHEN u_email < 0.55 THEN first_name || '.' || last_name
                    WHEN u_email < 0.80 THEN first_name || last_name || (n % 1000)
                    ELSE left(first_name, 1) || last_name || (n % 100)
               END, 'üéñúë'' ', 'uenue')) AS email_local
    FROM (
        SELECT n,
               d.starts_at + (n - d.first_n + demo.uniform(:seed, 2, n))
                             / (d.last_n - d.first_n + 1) * interval '1 day' AS created_at,
               demo.uniform(:seed, 3, n) AS u_email,
               demo.uniform(:seed, 6, n) AS u_city,
               demo.uniform(:seed, 7, n) AS u_region,
               demo.uniform(:seed, 10, n) AS u_geo,
               ps.place_id,
               (ARRAY['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda',
                      'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph',
                      'Jessica', 'Thomas', 'Sarah', 'Christopher', 'Karen', 'Charles', 'Lisa',
                      'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Sandra', 'Mark', 'Ashley',
                      'Steven', 'Emily', 'Andrew', 'Michelle', 'Joshua', 'Amanda', 'Kevin', 'Melissa',
                      'Brian', 'Rebecca', 'Jason', 'Laura', 'Ryan', 'Hannah', 'Tyler', 'Olivia',
                      'Noah', 'Emma', 'Liam', 'Sofia', 'Mateo', 'Maria', 'José', 'Wei', 'Aisha',
                      'Priya', 'Chloé', 'Zoë', 'Mary-Kate', 'Jamal', 'Keiko', 'Lars', 'Siobhan',
                      'Ahmed'])[1 + floor(demo.uniform(:seed, 4, n) * 64)::integer] AS first_name,
               (ARRAY['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis',
                      'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson',
                      'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez',
                      'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis',
                      'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres',
                      'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall',
                      'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'O''Brien', 'Müller',
                      'Chen', 'Patel', 'Kim', 'Nakamura', 'Kowalski', 'Dubois', 'Van der Berg',
                      'McAllister', 'Okafor', 'Haddad', 'Jensen', 'Núñez'])
                   [1 + floor(demo.uniform(:seed, 5, n) * 64)::integer] AS last_name
        FROM signup_day AS d
        CROSS JOIN LATERAL generate_series(d.first_n, d.last_n) AS n
        JOIN demo.place_slot AS ps ON ps.slot = floor(demo.uniform(:seed, 15, n) * 1000)::integer
    ) AS drawn
) AS c
JOIN demo.place AS p ON p.place_id = c.place_id;

ANALYZE segments.customer, segments.item, segments.custom_field;

-- The customer indexes are built by customer_indexes.sql.
