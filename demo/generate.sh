#!/usr/bin/env bash
# Generates the demo pass program (demo/generate.sql) into the database the
# standard PG* environment variables name, running the independent parts in
# two sessions at once. The rows are the same as with psql -f demo/generate.sql;
# only the parts commit separately, so a failure can leave a partial load that
# the next run replaces.
#
# After loading it runs VACUUM (ANALYZE) on the loaded tables, as after any bulk
# load: segment queries then read the visibility map and the hint bits instead of
# setting them, and autovacuum has nothing left to do on these tables.
#
# Usage: demo/generate.sh [--scale N] [--seed N] [--reference TIMESTAMP] [--jobs 1|2]
#                         [--no-vacuum] [--quiet]
#   --scale N        customers to generate (default 100000)
#   --seed N         seed of every random choice (default 1)
#   --reference TS   the instant the data ends at (default: now)
#   --jobs 1         one session and one transaction (the same as psql -f demo/generate.sql)
#   --no-vacuum      skip the VACUUM (ANALYZE)
#   --quiet          print nothing but errors
set -euo pipefail

scale=100000 seed=1 reference=now jobs=2 vacuum=true quiet=false
while [ $# -gt 0 ]; do
    case "$1" in
        --scale) scale=${2:?--scale needs a number}; shift 2 ;;
        --seed) seed=${2:?--seed needs a number}; shift 2 ;;
        --reference) reference=${2:?--reference needs a timestamp}; shift 2 ;;
        --jobs) jobs=${2:?--jobs needs 1 or 2}; shift 2 ;;
        --no-vacuum) vacuum=false; shift ;;
        --quiet) quiet=true; shift ;;
        -h | --help) sed -n '2,20s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) printf 'error: unknown option "%s"\nhint: see %s --help\n' "$1" "$0" >&2; exit 2 ;;
    esac
done
case "$jobs" in
    1 | 2) ;;
    *) printf 'error: --jobs must be 1 or 2, not "%s"\n' "$jobs" >&2; exit 2 ;;
esac

cd "$(dirname "$0")"
psql_run() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# Prints a step's name and the seconds since $1 (in milliseconds).
report() {
    local elapsed=$(($(now_ms) - $1))
    $quiet || printf '    %-40s %4d.%d s\n' "$2" $((elapsed / 1000)) $((elapsed % 1000 / 100))
}
# Waits for two background jobs and fails when either failed.
wait_both() {
    local status=0
    wait "$1" || status=$?
    wait "$2" || status=$?
    return "$status"
}

started=$(now_ms)
# VACUUM cannot run inside a transaction, so each table gets its own command;
# two sessions share them.
vacuum_tables() {
    $vacuum || return 0
    local step
    step=$(now_ms)
    psql_run -c "VACUUM (ANALYZE) segments.redemption" -c "VACUUM (ANALYZE) segments.customer" &
    local first=$!
    psql_run -c "VACUUM (ANALYZE) segments.point_event" -c "VACUUM (ANALYZE) segments.acquisition" \
        -c "VACUUM (ANALYZE) segments.custom_field_value" &
    local second=$!
    wait_both "$first" "$second"
    report "$step" "VACUUM (ANALYZE)"
}

if [ "$jobs" = 1 ]; then
    psql_run -v scale="$scale" -v seed="$seed" -v reference="$reference" -f generate.sql
    report "$started" "all parts in one transaction"
    vacuum_tables
    report "$started" "total"
    exit 0
fi

# Runs the given part files one after the other in one session, each in its own
# transaction.
run_parts() {
    local part
    for part in "$@"; do
        psql_run -1 -f "generate/$part.sql" || return 1
    done
}

step=$(now_ms)
psql_run -1 -v scale="$scale" -v seed="$seed" -v reference="$reference" -f generate/setup.sql
report "$step" "customers, items, venues"

# Each stage runs two sessions; a stage starts when both of the previous one
# have committed, because it reads their rows.
step=$(now_ms)
run_parts customer_indexes &
first=$!
run_parts acquisitions answers &
second=$!
wait_both "$first" "$second"
report "$step" "customer indexes, acquisitions, answers"

step=$(now_ms)
run_parts redemptions prizes &
first=$!
run_parts points &
second=$!
wait_both "$first" "$second"
report "$step" "redemptions, prizes and points"

step=$(now_ms)
run_parts finish
report "$step" "identity sequences"
vacuum_tables
report "$started" "total"
