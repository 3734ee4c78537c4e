#!/usr/bin/env bash
# Two editors save in_segment references at the same time.
#
# The README states that a definition is saved only when "in_segment must name an
# existing segment without forming a cycle". Session A points segment 1 at
# segment 2 and keeps its transaction open; session B meanwhile points segment
# 2 at segment 1. If each save checked for cycles without seeing the other,
# both would commit and neither segment could be recalculated again. The
# save trigger makes B wait for A, then B sees the cycle and fails.
#
# Runs against the server named by PGHOST, PGPORT and PGUSER (a superuser);
# creates and drops its own database.
set -euo pipefail

database="segments_cycle_race_$$"
cleanup() { psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true; }
trap cleanup EXIT

run_psql() { psql -X -q -v ON_ERROR_STOP=1 -d "$database" "$@"; }

psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $database"
run_psql <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION segments CASCADE;
INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City pass', 'pass');
INSERT INTO segments.segment (name, definition) VALUES
    ('one', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}'),
    ('two', '{"match": "all", "conditions": [{"type": "item_purchase", "items": [1]}]}');
SQL

# Session A keeps its change to segment 1 uncommitted for 3 seconds.
run_psql -c "BEGIN" \
    -c "UPDATE segments.segment SET definition = '{\"match\": \"all\", \"conditions\": [{\"type\": \"in_segment\", \"segment\": 2}]}' WHERE segment_id = 1" \
    -c "SELECT pg_sleep(3)" -c "COMMIT" >/dev/null 2>&1 &
session_a=$!
sleep 1
# Session B changes segment 2 in its own transaction and commits.
run_psql -c "UPDATE segments.segment SET definition = '{\"match\": \"all\", \"conditions\": [{\"type\": \"in_segment\", \"segment\": 1}]}' WHERE segment_id = 2" \
    >/dev/null 2>&1 || true
wait "$session_a" || true

stored=$(run_psql -At -c "
    SELECT count(*) FROM segments.segment AS s
    WHERE s.definition @? '\$.conditions[*] ? (@.type == \"in_segment\")'")
if [ "$stored" -ne 1 ]; then
    echo "in_segment_cycle_race: $stored of 2 segments refer to each other; expected exactly 1 save to succeed" >&2
    run_psql -At -c "SELECT segment_id, definition FROM segments.segment ORDER BY 1" >&2
    exit 1
fi
echo "in_segment_cycle_race: exactly one of the two crossing saves was stored"
