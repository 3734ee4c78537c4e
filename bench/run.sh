#!/usr/bin/env bash
# Benchmarks segments against what an expert would write by hand, on the demo
# pass program (demo/generate.sh) at one or more scales. bench/README.md says
# what each number means; bench/RESULTS.md holds a run's results.
#
# It installs the Debian packages that are missing, builds the extension of
# this checkout and installs it into a private copy of the PostgreSQL server
# files (so that other checkouts installing theirs cannot change it during the
# run), starts a throwaway PostgreSQL instance with the settings below, and at
# every scale generates the data, creates the demo segments (demo/segments.sql)
# and measures:
#   - at the compare scale: that each hand-written query (bench/handwritten/)
#     returns the customers segments.evaluate returns; the hand-written query,
#     the compiled query and segments.evaluate side by side; recalculate
#     against REFRESH MATERIALIZED VIEW CONCURRENTLY, on unchanged data and
#     after changes to 1% of the customers (bench/lib/changes.sql); and the
#     EXPLAIN (ANALYZE, BUFFERS) plans of every query;
#   - at every scale: recalculate_all, and the peak memory of the backend
#     during recalculate_all, the first recalculation of the largest segment
#     and its export.
# The Markdown report goes to OUT/results.md and to standard output, with the
# raw measurements (CSV) and the plans next to it.
#
# Usage: bench/run.sh [options]
#   --scales LIST          customers per dataset, comma-separated (default 100000,1000000)
#   --compare-scale N      scale of the side-by-side measurements (default: the
#                          largest of --scales up to 1000000)
#   --runs N               timed runs per median, after one warm-up run (default 5)
#   --rounds N             rounds of changes to 1% of the customers (default 3)
#   --reference TIMESTAMP  the instant the data ends at and segments are evaluated
#                          at (default 2026-03-10 12:00:00+00)
#   --seed N               seed of the generator (default 1)
#   --shared-buffers SIZE  the instance's shared_buffers (default 4GB)
#   --work-mem SIZE        the instance's work_mem (default 64MB)
#   --small-work-mem SIZE  work_mem of the second memory measurement of the
#                          first recalculation and the export (default 4MB)
#   --out DIR              where the report goes (default bench/out/DATE)
#   --keep                 leave the instance and the last dataset running
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

scales=100000,1000000 compare_scale= runs=5 rounds=3 reference='2026-03-10 12:00:00+00' seed=1
shared_buffers=4GB work_mem=64MB small_work_mem=4MB out= keep=false
while [ $# -gt 0 ]; do
    case "$1" in
        --scales) scales=${2:?--scales needs a list}; shift 2 ;;
        --compare-scale) compare_scale=${2:?--compare-scale needs a number}; shift 2 ;;
        --runs) runs=${2:?--runs needs a number}; shift 2 ;;
        --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
        --reference) reference=${2:?--reference needs a timestamp}; shift 2 ;;
        --seed) seed=${2:?--seed needs a number}; shift 2 ;;
        --shared-buffers) shared_buffers=${2:?--shared-buffers needs a size}; shift 2 ;;
        --work-mem) work_mem=${2:?--work-mem needs a size}; shift 2 ;;
        --small-work-mem) small_work_mem=${2:?--small-work-mem needs a size}; shift 2 ;;
        --out) out=${2:?--out needs a folder}; shift 2 ;;
        --keep) keep=true; shift ;;
        -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) die "unknown option \"$1\" (see bench/run.sh --help)" ;;
    esac
done

# The scales, checked and in increasing order.
scale_list=$(tr ',' '\n' <<<"$scales" | sed '/^$/d' | sort -n | uniq)
for scale in $scale_list; do
    [[ "$scale" =~ ^[0-9]+$ ]] && [ "$scale" -ge 1000 ] ||
        die "invalid scale \"$scale\": give whole numbers of customers, at least 1000, as --scales 100000,1000000"
done
if [ -z "$compare_scale" ]; then
    compare_scale=$(awk '$1 <= 1000000' <<<"$scale_list" | tail -n 1)
    [ -n "$compare_scale" ] || compare_scale=$(head -n 1 <<<"$scale_list")
fi
grep -qx "$compare_scale" <<<"$scale_list" ||
    die "--compare-scale $compare_scale is not one of the scales ($scales)"
for number in "$runs" "$rounds" "$seed"; do
    [[ "$number" =~ ^[0-9]+$ ]] && [ "$number" -ge 1 ] ||
        die "invalid number \"$number\" for --runs, --rounds or --seed: give a whole number of at least 1"
done

out=${out:-bench/out/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out/plans"
out=$(cd "$out" && pwd)

psql_run() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
step() { log "$(date -u +%H:%M:%S) $*"; }

install_packages

# The server files are copied to a private tree and the extension is installed
# there with DESTDIR. PostgreSQL finds its lib and share folders relative to
# the running binary, so the instance loads this build and nothing else.
step "building the extension"
make -s -j"$(nproc)" PG_CONFIG="${PG_CONFIG:-pg_config}"
work_dir=$(mktemp -d /tmp/segments-bench.XXXXXX)
chmod 755 "$work_dir"
cleanup() {
    if ! $keep; then
        stop_instance
        rm -rf "$work_dir"
    fi
}
trap cleanup EXIT
system_pg_config=${PG_CONFIG:-pg_config}
for folder in "$($system_pg_config --bindir)" "$($system_pg_config --pkglibdir)" "$($system_pg_config --sharedir)"; do
    mkdir -p "$work_dir/tree$(dirname "$folder")"
    cp -a "$folder" "$work_dir/tree$folder"
done
make -s install DESTDIR="$work_dir/tree" PG_CONFIG="$system_pg_config" >/dev/null
export PG_CONFIG="$work_dir/tree$($system_pg_config --bindir)/pg_config"

# max_parallel_workers_per_gather = 0: segments.evaluate reads through a
# cursor and recalculate writes, and PostgreSQL gives neither parallel
# workers, so the hand-written queries run without them too; on a machine
# shared with other work, parallel plans also made the timings erratic.
settings=(
    "shared_buffers = $shared_buffers" "work_mem = $work_mem" "maintenance_work_mem = 1GB"
    "max_wal_size = 8GB" "checkpoint_timeout = 30min" "wal_level = minimal" "max_wal_senders = 0"
    "max_parallel_workers_per_gather = 0"
)
step "starting a throwaway PostgreSQL instance"
start_instance "${settings[@]}"
if $keep; then
    log "the instance stays at PGHOST=$PGHOST (stop it with: $(pg_bindir)/pg_ctl -D $INSTANCE_DIR/data stop)"
fi

psql_run -d postgres -c 'CREATE DATABASE bench_results'
psql_run -d bench_results -f bench/lib/results.sql

# The machine and the server, for the report.
{
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- command: bench/run.sh --scales $scales --compare-scale $compare_scale --runs $runs --rounds $rounds --reference '$reference' --seed $seed --shared-buffers $shared_buffers --work-mem $work_mem --small-work-mem $small_work_mem"
    echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "- machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(free -g | awk '/^Mem:/ {print $2}') GiB memory, load average at start $(cut -d ' ' -f 1-3 /proc/loadavg)"
    echo "- server: $(psql -X -At -d postgres -c 'SELECT version()')"
    echo "- settings changed from the defaults:" \
        "$(psql -X -At -d postgres -c "SELECT string_agg(name || ' = ' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE source = 'configuration file' AND name NOT IN ('unix_socket_directories', 'port', 'listen_addresses', 'log_min_messages', 'lc_messages', 'lc_monetary', 'lc_numeric', 'lc_time', 'default_text_search_config', 'log_timezone', 'TimeZone', 'DateStyle', 'min_wal_size', 'dynamic_shared_memory_type', 'max_connections')")"
} >"$out/machine.md"

# Copies a query's rows from a scale's database into a bench_results table.
copy_results() {
    local database=$1 query=$2 table=$3
    psql -X -v ON_ERROR_STOP=1 -d "$database" -c "COPY ($query) TO STDOUT" |
        psql_run -d bench_results -c "COPY $table FROM STDIN"
}

# Runs a psql script in a new session while bench/lib/peak_memory.sh polls its
# backend, and records the peak in results.memory. The script may set the psql
# variables rows and segment_name.
measure_memory() {
    local database=$1 scale=$2 operation=$3 script=$4
    local stop_file="$work_dir/memory.stop" result_file="$work_dir/memory.out" started elapsed
    rm -f "$stop_file" "$result_file"
    started=$(now_ms)
    psql_run -d "$database" -v stop_file="$stop_file" -v result_file="$result_file" \
        -v scale="$scale" -v operation="$operation" <<EOF
SELECT pg_backend_pid() AS backend_pid \gset
\setenv BACKEND_PID :backend_pid
\setenv STOP_FILE :stop_file
\setenv RESULT_FILE :result_file
\! bench/lib/peak_memory.sh "\$BACKEND_PID" "\$STOP_FILE" > "\$RESULT_FILE" &
$script
\! touch "\$STOP_FILE"
EOF
    elapsed=$(($(now_ms) - started))
    for _ in $(seq 100); do [ -s "$result_file" ] && break; sleep 0.1; done
    read -r peak hwm <"$result_file"
    # The backend writes its statistics when it exits, just after psql does.
    sleep 1
    local temp_bytes
    temp_bytes=$(psql -X -At -d "$database" -c "SELECT temp_bytes FROM pg_stat_database WHERE datname = current_database()")
    psql_run -d bench_results -v scale="$scale" -v operation="$operation" -v peak="$peak" -v hwm="$hwm" \
        -v ms="$elapsed" -v segment_name="${memory_segment_name:-}" -v rows="${memory_rows:-}" \
        -v temp_bytes="$temp_bytes" -v temp_before="$memory_temp_before" <<'EOF'
INSERT INTO results.memory
VALUES (:scale, :'operation', nullif(:'segment_name', ''), nullif(:'rows', '')::bigint, :ms, :peak, :hwm,
        :temp_bytes - :temp_before);
EOF
}

# Writes EXPLAIN (ANALYZE, BUFFERS) of a case's hand-written and compiled
# queries to OUT/plans.
save_plans() {
    local database=$1 position file method
    for position in $(psql -X -At -d "$database" -c 'SELECT position FROM bench.case ORDER BY position'); do
        file=$(psql -X -At -d "$database" -c "SELECT regexp_replace(file, '\.sql$', '') FROM bench.case WHERE position = $position")
        for method in handwritten compiled; do
            psql -X -At -d "$database" -c "SELECT bench.method_query($position, '$method')" |
                sed -e '1s/^/EXPLAIN (ANALYZE, BUFFERS) /' -e '$s/$/;/' |
                psql -X -At -v ON_ERROR_STOP=1 -d "$database" >"$out/plans/$file.$method.txt"
        done
    done
}

# Generates one dataset and measures it.
measure_scale() {
    local scale=$1 database="bench_$1" started
    step "$scale customers: generating the data"
    PGOPTIONS="-c client_min_messages=warning" psql_run -d postgres -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
    psql_run -d "$database" -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION segments CASCADE'
    started=$(now_ms)
    PGDATABASE=$database demo/generate.sh --scale "$scale" --seed "$seed" --reference "$reference" --quiet
    psql_run -d "$database" -c 'VACUUM ANALYZE'
    local generation_ms=$(($(now_ms) - started))
    copy_results "$database" "SELECT $scale, $generation_ms / 1000.0, pg_database_size(current_database()),
        (SELECT count(*) FROM segments.customer), (SELECT count(*) FROM segments.acquisition),
        (SELECT count(*) FROM segments.redemption), (SELECT count(*) FROM segments.point_event),
        (SELECT count(*) FROM segments.custom_field_value)" results.scale

    step "$scale customers: creating the segments and the cases"
    psql_run -d "$database" -f demo/segments.sql
    # Creating the segments filled segment_member in one transaction, so its
    # statistics know nothing of the new segments until autovacuum analyzes
    # it. A recalculation planned on them anti-joins each stored member
    # against every new one (bench/RESULTS.md has the plan), so analyze now.
    psql_run -d "$database" -c 'ANALYZE segments.segment_member'
    psql_run -d "$database" -v scale="$scale" -v as_of="$reference" -f bench/lib/harness.sql
    psql_run -d "$database" -f bench/lib/changes.sql
    local file name materialized
    for file in bench/handwritten/[0-9]*.sql; do
        case "$file" in *.mv.sql) continue ;; esac
        name=$(basename "$file")
        materialized=${file%.sql}.mv.sql
        [ -f "$materialized" ] || materialized=$file
        psql_run -d "$database" -v file="$name" -v handwritten="$(<"$file")" \
            -v materialized="$(<"$materialized")" -f bench/lib/load_case.sql
    done
    psql_run -d "$database" -c "UPDATE bench.case AS c
        SET compiled = bench.literal_query(segments.compile(s.definition, s.timezone), b.as_of)
        FROM segments.segment AS s, bench.setting AS b WHERE s.segment_id = c.segment_id"
    psql_run -d "$database" -c "CALL bench.recalculate_every_segment('$reference')"
    # The same for the membership as of the reference instant; VACUUM also
    # leaves autovacuum nothing to do during the measurements.
    psql_run -d "$database" -c 'VACUUM ANALYZE'
    copy_results "$database" "SELECT $scale, c.position, s.name, c.file, s.member_count
        FROM bench.case AS c JOIN segments.segment AS s USING (segment_id)" results.case

    step "$scale customers: recalculate_all, with the backend's memory"
    memory_segment_name= memory_rows=
    memory_temp_before=$(psql -X -At -d "$database" -c "SELECT temp_bytes FROM pg_stat_database WHERE datname = current_database()")
    measure_memory "$database" "$scale" recalculate_all "CALL bench.measure_recalculate_all(2);"

    # The largest segment, recalculated with every member joining (as on its
    # first calculation), then exported.
    local largest
    largest=$(psql -X -At -d "$database" -c "SELECT segment_id FROM segments.segment ORDER BY member_count DESC NULLS LAST, segment_id LIMIT 1")
    memory_segment_name=$(psql -X -At -d "$database" -c "SELECT name FROM segments.segment WHERE segment_id = $largest")
    memory_rows=$(psql -X -At -d "$database" -c "SELECT member_count FROM segments.segment WHERE segment_id = $largest")
    step "$scale customers: first recalculation and export of \"$memory_segment_name\", with the backend's memory"
    psql_run -d "$database" -c "DELETE FROM segments.segment_member WHERE segment_id = $largest"
    memory_temp_before=$(psql -X -At -d "$database" -c "SELECT temp_bytes FROM pg_stat_database WHERE datname = current_database()")
    measure_memory "$database" "$scale" first_recalculate "CALL segments.recalculate($largest, '$reference');"
    local export_query="SELECT * FROM segments.export_rows($largest)"
    if [ -z "$(psql -X -At -d "$database" -c "SELECT to_regprocedure('segments.export_rows(bigint, boolean)')")" ]; then
        export_query="SELECT c.* FROM segments.segment_members($largest) AS m JOIN segments.customer AS c USING (customer_id)"
    fi
    memory_temp_before=$(psql -X -At -d "$database" -c "SELECT temp_bytes FROM pg_stat_database WHERE datname = current_database()")
    measure_memory "$database" "$scale" export "\\copy ($export_query) TO '/dev/null' WITH (FORMAT csv, HEADER)"

    # Both again with a small work_mem. Each sort, hash and tuplestore of the
    # executor is then capped near it, so what still grows with the segment
    # is memory that no work_mem limits.
    psql_run -d "$database" -c "DELETE FROM segments.segment_member WHERE segment_id = $largest"
    memory_temp_before=$(psql -X -At -d "$database" -c "SELECT temp_bytes FROM pg_stat_database WHERE datname = current_database()")
    measure_memory "$database" "$scale" "first_recalculate, work_mem $small_work_mem" \
        "SET work_mem = '$small_work_mem';"$'\n'"CALL segments.recalculate($largest, '$reference');"
    memory_temp_before=$(psql -X -At -d "$database" -c "SELECT temp_bytes FROM pg_stat_database WHERE datname = current_database()")
    measure_memory "$database" "$scale" "export, work_mem $small_work_mem" \
        "SET work_mem = '$small_work_mem';"$'\n'"\\copy ($export_query) TO '/dev/null' WITH (FORMAT csv, HEADER)"

    if [ "$scale" = "$compare_scale" ]; then
        step "$scale customers: checking that the hand-written queries return the same customers"
        psql_run -d "$database" -c 'CALL bench.check_cases()'
        step "$scale customers: timing the queries ($runs runs after one warm-up)"
        psql_run -d "$database" -c "CALL bench.measure_queries($runs)"
        step "$scale customers: saving the plans"
        save_plans "$database"
        step "$scale customers: recalculate against materialized views ($runs unchanged runs, $rounds rounds of changes)"
        psql_run -d "$database" -c 'CALL bench.create_views()'
        psql_run -d "$database" -c "CALL bench.measure_refresh($runs, $rounds)"
    fi

    step "$scale customers: saving the measurements"
    copy_results "$database" "SELECT $scale, * FROM bench.timing" results.timing
    copy_results "$database" "SELECT $scale, * FROM bench.check_result" results.check_result
    if ! $keep || [ "$scale" != "$(tail -n 1 <<<"$scale_list")" ]; then
        psql_run -d postgres -c "DROP DATABASE $database"
    fi
}

for scale in $scale_list; do
    measure_scale "$scale"
done

step "writing the report"
for table in scale case timing check_result memory; do
    psql -X -d bench_results -c "COPY results.$table TO STDOUT WITH (FORMAT csv, HEADER)" >"$out/$table.csv"
done
{
    echo "## Machine and command"
    echo
    cat "$out/machine.md"
    echo
    psql_run -d bench_results -v compare_scale="$compare_scale" -f bench/lib/report.sql
    echo
    echo "Plans: $out/plans/ (EXPLAIN (ANALYZE, BUFFERS) at $compare_scale customers)."
} >"$out/results.md"
cat "$out/results.md"
log "report written to $out/results.md"
