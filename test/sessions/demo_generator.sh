#!/usr/bin/env bash
# The demo data generator and the demo segments, at 10,000 customers.
#
# 1. demo/generate.sh (parts in two sessions at once) and psql -f
#    demo/generate.sql (one session, one transaction) load the same seed,
#    scale and reference into two databases; every table's fingerprint from
#    demo/check.sql must be equal, and check.sql's foreign key check passes.
# 2. Another seed gives other data.
# 3. The volumes per customer are those the generator documents.
# 4. The demo segments are created and recalculated as of the reference, and
#    demo/expected_members.sql finds the same members as its hand-written SQL.
# 5. The indexes after generation are those of a freshly created extension.
#
# Runs against the server named by PGHOST, PGPORT and PGUSER (a superuser);
# creates and drops its own databases.
set -euo pipefail
cd "$(dirname "$0")/../.."

first="segments_demo_generator_a_$$"
second="segments_demo_generator_b_$$"
fresh="segments_demo_generator_fresh_$$"
reference='2025-03-10 15:00:00+00'

cleanup() {
    local database
    for database in "$first" "$second" "$fresh"; do
        psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
    done
}
trap cleanup EXIT

fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
run_psql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

for database in "$first" "$second"; do
    run_psql -d postgres -c "CREATE DATABASE $database"
    run_psql -d "$database" -c "SET client_min_messages = warning" -c "CREATE EXTENSION segments CASCADE"
done

# Fingerprints only: the last section of check.sql, one "table|sum" line each.
fingerprints() {
    run_psql -d "$1" -At -f demo/check.sql | sed -n '/^Fingerprints/,$p' | tail -n +2
}

# 1. Both ways of running the generator give the same rows.
PGDATABASE="$first" demo/generate.sh --scale 10000 --seed 7 --reference "$reference" --quiet
run_psql -d "$second" -v scale=10000 -v seed=7 -v reference="$reference" -f demo/generate.sql
first_prints=$(fingerprints "$first")
second_prints=$(fingerprints "$second")
[ "$(printf '%s\n' "$first_prints" | wc -l)" -eq 5 ] ||
    fail "expected 5 fingerprints, got: $first_prints"
[ "$first_prints" = "$second_prints" ] ||
    fail "generate.sh and generate.sql differ: $first_prints versus $second_prints"

# 2. Another seed gives other customers.
run_psql -d "$second" -v scale=10000 -v seed=8 -v reference="$reference" -f demo/generate.sql
other_seed=$(fingerprints "$second" | grep '^customer|')
[ "$other_seed" != "$(printf '%s\n' "$first_prints" | grep '^customer|')" ] ||
    fail "seeds 7 and 8 gave the same customers"

# 3. Volumes per customer, with the margins the generator's header allows
#    ("about 3 acquisitions, 8 redemptions, 8 point events and 2.4 answers").
read -r customers acquisitions redemptions points answers < <(run_psql -d "$first" -At -F ' ' <<'SQL'
SELECT (SELECT count(*) FROM segments.customer),
       (SELECT count(*) FROM segments.acquisition),
       (SELECT count(*) FROM segments.redemption),
       (SELECT count(*) FROM segments.point_event),
       (SELECT count(*) FROM segments.custom_field_value);
SQL
)
[ "$customers" -eq 10000 ] || fail "expected 10000 customers, got $customers"
within() { # within VALUE LOW HIGH NAME: per customer, in hundredths
    local per_customer=$(($1 * 100 / customers))
    [ "$per_customer" -ge "$2" ] && [ "$per_customer" -le "$3" ] ||
        fail "$4 per customer: $per_customer hundredths, expected $2 to $3"
}
within "$acquisitions" 270 330 "acquisitions"
within "$redemptions" 700 900 "redemptions"
within "$points" 700 900 "point events"
within "$answers" 220 260 "custom field answers"

# 4. The demo segments, recalculated as of the reference, match hand-written SQL.
run_psql -d "$first" -f demo/segments.sql
while read -r id; do
    run_psql -d "$first" -v id="$id" -v as_of="$reference" <<<"CALL segments.recalculate(:id, :'as_of');"
done < <(run_psql -d "$first" -At -c "SELECT segment_id FROM segments.segment ORDER BY segment_id")
failed=$(run_psql -d "$first" -At -c "SELECT count(*) FROM segments.segment WHERE last_outcome IS DISTINCT FROM 'succeeded'")
[ "$failed" -eq 0 ] || fail "$failed demo segments did not recalculate"
run_psql -d "$first" -o /dev/null -f demo/expected_members.sql

# 5. Setting indexes aside and building them again leaves the extension's indexes.
index_list() {
    run_psql -d "$1" -At -c "SELECT indexdef FROM pg_indexes WHERE schemaname = 'segments' ORDER BY indexname"
}
run_psql -d postgres -c "CREATE DATABASE $fresh"
run_psql -d "$fresh" -c "SET client_min_messages = warning" -c "CREATE EXTENSION segments CASCADE"
fresh_indexes=$(index_list "$fresh")
run_psql -d postgres -c "DROP DATABASE $fresh"
[ "$(index_list "$first")" = "$fresh_indexes" ] || fail "the indexes after generate.sh differ from a new extension's"
[ "$(index_list "$second")" = "$fresh_indexes" ] || fail "the indexes after generate.sql differ from a new extension's"
