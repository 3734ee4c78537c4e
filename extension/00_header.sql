-- segments extension install script, assembled by the Makefile from the topic
-- files in extension/ in name order.

\echo Use "CREATE EXTENSION segments" to load this file. \quit

-- Definitions are JSON read by the C++ core as UTF-8, and the compiled SQL
-- passes their strings back as text, so the database must store UTF-8.
DO $$
BEGIN
    IF pg_catalog.getdatabaseencoding() <> 'UTF8' THEN
        RAISE EXCEPTION 'segments requires a database with encoding UTF8, not %',
                pg_catalog.getdatabaseencoding()
            USING ERRCODE = 'feature_not_supported',
                  DETAIL = 'Segment definitions are JSON, which the extension reads as UTF-8.',
                  HINT = 'Create the database with ENCODING ''UTF8'' and install the extension there.';
    END IF;
END
$$;
