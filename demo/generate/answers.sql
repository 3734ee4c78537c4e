-- Generator part 2: answers to the custom fields of the signup form.

\ir settings.sql
-- The parameters setup.sql stored.
SELECT seed, scale, reference FROM demo.setting \gset

TRUNCATE segments.custom_field_value;

SELECT demo.set_aside_indexes('segments.custom_field_value') \g /dev/null

-- Custom field answers, keyed by customer_id with streams 80 to 99: gaps,
-- mixed case, stray whitespace, and a few values the field's type cannot read.
INSERT INTO segments.custom_field_value (customer_id, field_id, value)
SELECT customer_id, 1,
       CASE WHEN u_mess < 0.02 THEN ''
            WHEN u_mess < 0.03 THEN '   '
            WHEN u_mess < 0.20 THEN lower(activity)
            WHEN u_mess < 0.26 THEN upper(activity)
            WHEN u_mess < 0.32 THEN ' ' || activity || ' '
            WHEN u_mess < 0.35 THEN activity || '  '
            ELSE activity
       END
FROM (
    SELECT customer_id, demo.uniform(:seed, 82, customer_id) AS u_mess,
           (ARRAY['Hiking', 'Breweries', 'Live music', 'Waterfalls', 'Food tours', 'Art galleries',
                  'Biking', 'Shopping', 'Kayaking', 'Hiking and waterfalls', 'Craft beer',
                  'Fall foliage'])[1 + floor(demo.uniform(:seed, 81, customer_id) ^ 1.3 * 12)::integer]
               AS activity
    FROM segments.customer
    WHERE demo.uniform(:seed, 80, customer_id) < 0.62
) AS answer
UNION ALL
SELECT customer_id, 2,
       CASE WHEN u_mess < 0.01 THEN '2 adults'
            WHEN u_mess < 0.02 THEN 'two'
            WHEN u_mess < 0.03 THEN '10+'
            WHEN u_mess < 0.04 THEN size || '.0'
            WHEN u_mess < 0.07 THEN ' ' || size || ' '
            WHEN u_mess < 0.08 THEN ''
            ELSE size
       END
FROM (
    SELECT customer_id, demo.uniform(:seed, 85, customer_id) AS u_mess,
           CASE WHEN u_size < 0.12 THEN '1' WHEN u_size < 0.57 THEN '2' WHEN u_size < 0.69 THEN '3'
                WHEN u_size < 0.87 THEN '4' WHEN u_size < 0.93 THEN '5' WHEN u_size < 0.97 THEN '6'
                ELSE '8'
           END AS size
    FROM (SELECT customer_id, demo.uniform(:seed, 84, customer_id) AS u_size
          FROM segments.customer
          WHERE demo.uniform(:seed, 83, customer_id) < 0.55) AS answered
) AS answer
UNION ALL
SELECT customer_id, 3,
       CASE WHEN u_mess < 0.015 THEN to_char(visit, 'MM/DD/YYYY')
            WHEN u_mess < 0.020 THEN 'next summer'
            WHEN u_mess < 0.025 THEN to_char(visit, 'YYYY') || '-02-30'
            WHEN u_mess < 0.050 THEN ' ' || to_char(visit, 'YYYY-MM-DD')
            ELSE to_char(visit, 'YYYY-MM-DD')
       END
FROM (
    SELECT customer_id, demo.uniform(:seed, 88, customer_id) AS u_mess,
           (created_at AT TIME ZONE 'America/New_York')::date
               + 3 + floor(demo.uniform(:seed, 87, customer_id) * 120)::integer AS visit
    FROM segments.customer
    WHERE demo.uniform(:seed, 86, customer_id) < 0.45
) AS answer
UNION ALL
SELECT customer_id, 4,
       CASE WHEN u_form < 0.70 THEN CASE WHEN yes THEN 'true' ELSE 'false' END
            WHEN u_form < 0.85 THEN CASE WHEN yes THEN 'yes' ELSE 'no' END
            WHEN u_form < 0.90 THEN CASE WHEN yes THEN 'Yes' ELSE 'No' END
            WHEN u_form < 0.95 THEN CASE WHEN yes THEN '1' ELSE '0' END
            WHEN u_form < 0.98 THEN CASE WHEN yes THEN ' TRUE ' ELSE ' FALSE ' END
            WHEN u_form < 0.99 THEN CASE WHEN yes THEN 'Y' ELSE 'N' END
            ELSE 'maybe'
       END
FROM (
    SELECT customer_id, demo.uniform(:seed, 90, customer_id) < 0.58 AS yes,
           demo.uniform(:seed, 91, customer_id) AS u_form
    FROM segments.customer
    WHERE demo.uniform(:seed, 89, customer_id) < 0.80
) AS answer;


SELECT demo.restore_indexes('segments.custom_field_value') \g /dev/null

ANALYZE segments.custom_field_value;
