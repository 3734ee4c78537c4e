-- Generates a realistic pass program into the segments data model.
--
--   psql -v scale=100000 -v seed=1 -v reference='2025-06-01 12:00+00' -f demo/generate.sql
--
-- scale      number of customers (default 100000; from 1 to 50000000)
-- seed       a whole number; the same seed, scale and reference give the same rows (default 1)
-- reference  the instant the data ends at, "now" for the pass program (default now);
--            every date is relative to it, so that segments evaluated at it have members
--
-- The destination is Asheville, North Carolina: a free flagship pass (the
-- Explorer Pass), two more free passes, three paid passes valid 30, 90 and 365
-- days, products, prizes claimed after a number of check-ins, and 40 partner
-- venues. Per customer there are about 3 acquisitions, 8 redemptions, 8 point
-- events and 2.4 custom field answers. Names, e-mail addresses (at example.com,
-- .net and .org) and phone numbers (555-0100 to 555-0199) are made up and reach
-- nobody.
--
-- Every random choice is demo.uniform(seed, stream, key): a hash of the seed, a
-- number naming the choice (the stream) and the key of the row it is made for.
-- Ids are computed from the keys and running sums, not drawn from the identity
-- sequences, so the rows do not depend on the order or the sessions they are
-- produced in: demo/generate.sh runs the parts below in two sessions at once
-- and produces the same rows.
--
-- This script replaces all passholder data (the rows of segments.customer, item,
-- acquisition, redemption, point_event, custom_field and custom_field_value, and
-- with them every stored membership) in one transaction, and recreates the
-- schema demo. Run it as a superuser: see demo/generate/settings.sql for why.

\set ON_ERROR_STOP on
\if :{?scale}
\else
\set scale 100000
\endif
\if :{?seed}
\else
\set seed 1
\endif
\if :{?reference}
\else
\set reference now
\endif
\set QUIET on

BEGIN;
\ir generate/setup.sql
\ir generate/customer_indexes.sql
\ir generate/acquisitions.sql
\ir generate/answers.sql
\ir generate/redemptions.sql
\ir generate/points.sql
\ir generate/prizes.sql
\ir generate/finish.sql
COMMIT;
