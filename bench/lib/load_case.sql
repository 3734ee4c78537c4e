-- Adds one case to bench.case. psql variables: file (the hand-written file's
-- name), handwritten and materialized (the text of the query and of the
-- materialized view's query). The file's name without its number and .sql is
-- the segment's name in lower case with _ between words.

\set ON_ERROR_STOP on
INSERT INTO bench.case (position, segment_id, file, handwritten, materialized)
SELECT substring(:'file' FROM '^[0-9]+')::integer, s.segment_id, :'file',
       bench.fill_placeholders(:'handwritten', s.timezone),
       bench.fill_placeholders(:'materialized', s.timezone)
FROM segments.segment AS s
WHERE lower(regexp_replace(s.name, '[^A-Za-z0-9]+', '_', 'g'))
      = regexp_replace(:'file', '^[0-9]+_|\.sql$', '', 'g');

SELECT count(*) = 1 AS case_loaded FROM bench.case WHERE file = :'file' \gset
\if :case_loaded
\else
\warn 'no segment matches the hand-written query ' :file
\quit
\endif
