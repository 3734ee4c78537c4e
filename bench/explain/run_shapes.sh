#!/usr/bin/env bash
# Runs shapes.sql five times against a database loaded by scratch_data.sql and
# prints each shape's fastest and median execution time in milliseconds. On a shared machine
# the fastest run is the one least disturbed by other work. The plans of the
# last run are left in build/shapes_plans.txt.
#   PSQL="psql -h /tmp/pgscratch -p 55432 -U postgres" bench/explain/run_shapes.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
psql_command=${PSQL:-psql}
mkdir -p build
# SUMMARIZE_ONLY=1 reprints the table from the last runs' files.
if [ -z "${SUMMARIZE_ONLY:-}" ]; then
    for run in 1 2 3 4 5; do
        $psql_command -X -f bench/explain/shapes.sql > "build/shapes_run_$run.txt" 2>&1
    done
    cp build/shapes_run_5.txt build/shapes_plans.txt
fi
for run in 1 2 3 4 5; do
    awk '/^==== /{name=substr($0, 6)} /Execution Time:/{print name "\t" $3}' "build/shapes_run_$run.txt"
done | awk -F'\t' '
    { if (!($1 in count)) order[++n] = $1; times[$1, ++count[$1]] = $2 + 0 }
    END {
        for (i = 1; i <= n; i++) {
            name = order[i]; k = count[name]
            # insertion sort of the times of one shape
            for (a = 2; a <= k; a++) {
                v = times[name, a]
                for (b = a - 1; b >= 1 && times[name, b] > v; b--) times[name, b + 1] = times[name, b]
                times[name, b + 1] = v
            }
            printf "%9.1f %9.1f  %s\n", times[name, 1], times[name, int((k + 1) / 2)], name
        }
    }'
