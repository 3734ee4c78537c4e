-- Generator part 4: moves the identity sequences past the loaded ids and
-- drops the working table.

\ir settings.sql

-- Rows loaded with explicit ids leave the identity sequences at 1; move them
-- past the loaded ids so that rows inserted later get new ones.
SELECT setval(pg_get_serial_sequence('segments.customer', 'customer_id'),
              (SELECT coalesce(max(customer_id), 0) + 1 FROM segments.customer), false),
       setval(pg_get_serial_sequence('segments.item', 'item_id'),
              (SELECT coalesce(max(item_id), 0) + 1 FROM segments.item), false),
       setval(pg_get_serial_sequence('segments.acquisition', 'acquisition_id'),
              (SELECT coalesce(max(acquisition_id), 0) + 1 FROM segments.acquisition), false),
       setval(pg_get_serial_sequence('segments.redemption', 'redemption_id'),
              (SELECT coalesce(max(redemption_id), 0) + 1 FROM segments.redemption), false),
       setval(pg_get_serial_sequence('segments.point_event', 'point_event_id'),
              (SELECT coalesce(max(point_event_id), 0) + 1 FROM segments.point_event), false),
       setval(pg_get_serial_sequence('segments.custom_field', 'field_id'),
              (SELECT coalesce(max(field_id), 0) + 1 FROM segments.custom_field), false)
\g /dev/null

DROP TABLE demo.pass_use;

ANALYZE segments.acquisition;
