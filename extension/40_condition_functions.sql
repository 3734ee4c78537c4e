-- Functions the compiled segment queries call.
--
-- Stored answers and codes are text typed by people, so every reader here
-- returns NULL for a value it cannot read, and never raises: one malformed row
-- must not abort a recalculation of millions.

CREATE FUNCTION segments.normalized_text(value text) RETURNS text
	AS 'MODULE_PATHNAME', 'segments_normalized_text'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION segments.normalized_text(text) IS
	'Returns the value without surrounding spaces, tabs, line feeds, carriage returns, vertical tabs and form feeds, in lower case as lower() makes it with the input''s collation (under the C collation only ASCII letters change); NULL when nothing is left.';

CREATE FUNCTION segments.normalized_texts(vals text[]) RETURNS text[]
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	AS $$
		SELECT coalesce(pg_catalog.array_agg(t), '{}')
		FROM (SELECT segments.normalized_text(u) AS t FROM pg_catalog.unnest(vals) u) s
		WHERE t IS NOT NULL
	$$;
COMMENT ON FUNCTION segments.normalized_texts(text[]) IS
	'Returns segments.normalized_text() of every element, leaving out the elements that are NULL or blank.';

CREATE FUNCTION segments.field_number(value text) RETURNS numeric
	AS 'MODULE_PATHNAME', 'segments_field_number'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION segments.field_number(text) IS
	'Reads a stored answer as a number: after trimming whitespace, an optional sign, decimal digits with an optional point and an optional exponent of at most 1000, in at most 1000 characters. Returns NULL for anything else, including NaN and Infinity.';

CREATE FUNCTION segments.field_date(value text) RETURNS date
	AS 'MODULE_PATHNAME', 'segments_field_date'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION segments.field_date(text) IS
	'Reads a stored answer as an ISO date YYYY-MM-DD (years 0001 to 9999) after trimming whitespace. Returns NULL for anything else, including days that do not exist such as 2023-02-30.';

CREATE FUNCTION segments.field_boolean(value text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'segments_field_boolean'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION segments.field_boolean(text) IS
	'Reads a stored answer as a boolean: true, yes and 1 are true, false, no and 0 are false, in any letter case after trimming whitespace. Returns NULL for anything else.';

-- Great-circle distance on a sphere with the IUGG mean Earth radius R1 of the
-- Geodetic Reference System 1980, 6,371,008.7714 m (H. Moritz, "Geodetic
-- Reference System 1980"). Points become cubes in 3-D Earth-centred
-- coordinates, so a GiST index on them finds neighbours across the antimeridian
-- and near the poles, where boxes of latitude and longitude fail.
--
-- The functions are SQL so that PostgreSQL inlines them: the index expression
-- and the query's expression then match, and a restore with an empty
-- search_path still works because every name in the bodies is qualified. The
-- schema of the cube extension is only known at install time, hence EXECUTE.
-- They are not STRICT because a STRICT SQL function is only inlined when its
-- body is provably strict. NULL, NaN, infinite and out-of-range coordinates
-- give NULL through the CASE instead, so cosd() and sind() never see a value
-- they reject and an index insert does not raise.
DO $do$
DECLARE
	cube_schema name := (
		SELECT n.nspname
		FROM pg_catalog.pg_extension e
		JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
		WHERE e.extname = 'cube');
BEGIN
	IF cube_schema IS NULL THEN
		RAISE EXCEPTION 'extension "cube" is not installed'
			USING ERRCODE = 'undefined_object',
				HINT = 'Run CREATE EXTENSION segments CASCADE to install it.';
	END IF;

	EXECUTE pg_catalog.format($f$
		CREATE FUNCTION segments.earth_point(latitude double precision, longitude double precision)
		RETURNS %1$I.cube
		LANGUAGE sql IMMUTABLE PARALLEL SAFE
		AS $$
			SELECT CASE WHEN latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180 THEN
				%1$I.cube(%1$I.cube(%1$I.cube(
					6371.0087714 * pg_catalog.cosd(latitude) * pg_catalog.cosd(longitude)),
					6371.0087714 * pg_catalog.cosd(latitude) * pg_catalog.sind(longitude)),
					6371.0087714 * pg_catalog.sind(latitude))
			END
		$$ $f$, cube_schema);

	EXECUTE pg_catalog.format($f$
		CREATE FUNCTION segments.earth_box(latitude double precision, longitude double precision,
			radius_km double precision)
		RETURNS %1$I.cube
		LANGUAGE sql IMMUTABLE PARALLEL SAFE
		AS $$
			SELECT %1$I.cube_enlarge(segments.earth_point(latitude, longitude), radius_km, 3)
		$$ $f$, cube_schema);

	EXECUTE pg_catalog.format($f$
		CREATE FUNCTION segments.earth_within_box(point %1$I.cube, box %1$I.cube)
		RETURNS boolean
		LANGUAGE sql IMMUTABLE PARALLEL SAFE
		AS $$ SELECT point OPERATOR(%1$I.<@) box $$ $f$, cube_schema);
END
$do$;

COMMENT ON FUNCTION segments.earth_point(double precision, double precision) IS
	'Returns the point at a latitude and longitude in degrees as a cube in Earth-centred coordinates (kilometres, mean Earth radius 6371.0087714 km); NULL when a coordinate is NULL or out of range.';
COMMENT ON FUNCTION segments.earth_box(double precision, double precision, double precision) IS
	'Returns a cube containing every point within radius_km kilometres of great-circle distance from the given point, for GiST index searches; test the exact distance with segments.earth_distance_km().';
COMMENT ON FUNCTION segments.earth_within_box IS
	'Returns true when the point cube lies in the box cube; the cube <@ operator, wrapped so that compiled queries need not know the cube extension''s schema.';

-- The haversine formula, which stays accurate for short distances; least()
-- keeps rounding from pushing asin's argument past 1.
CREATE FUNCTION segments.earth_distance_km(latitude1 double precision,
	longitude1 double precision, latitude2 double precision, longitude2 double precision)
	RETURNS double precision
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$
		SELECT CASE WHEN latitude1 BETWEEN -90 AND 90 AND longitude1 BETWEEN -180 AND 180
				AND latitude2 BETWEEN -90 AND 90 AND longitude2 BETWEEN -180 AND 180 THEN
			2 * 6371.0087714 * pg_catalog.asin(least(1, pg_catalog.sqrt(
				pg_catalog.sind((latitude2 - latitude1) / 2) ^ 2
				+ pg_catalog.cosd(latitude1) * pg_catalog.cosd(latitude2)
					* pg_catalog.sind((longitude2 - longitude1) / 2) ^ 2)))
		END
	$$;
COMMENT ON FUNCTION segments.earth_distance_km(double precision, double precision, double precision, double precision) IS
	'Returns the great-circle distance in kilometres between two points given in degrees, on a sphere of the mean Earth radius 6371.0087714 km; NULL when a coordinate is NULL or out of range.';
