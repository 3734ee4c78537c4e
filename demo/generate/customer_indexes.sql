-- Generator part 2: builds the customer indexes setup.sql set aside. The
-- GiST index on the customers' locations takes most of this time (measured:
-- 3 s per 100,000 customers).

\ir settings.sql

SELECT demo.restore_indexes('segments.customer') \g /dev/null
