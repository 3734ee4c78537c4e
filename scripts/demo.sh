#!/usr/bin/env bash
# Runs the main job of segments on a generated pass program: installs what is
# missing (Debian packages, as root or through sudo), builds and installs the
# extension, starts a local PostgreSQL instance (or uses the server the PG*
# environment variables name), generates 100,000 customers, creates the demo
# segments, recalculates them, prints their member counts and timings, exports
# one segment to a CSV file and prints how to explore the result with psql.
#
# Usage: scripts/demo.sh [--scale N] [--seed N] [--database NAME] [--no-keep]
#        scripts/demo.sh --stop
#   --scale N        customers to generate (default 100000)
#   --seed N         seed of the generated data (default 1)
#   --database NAME  database to create for the demo (default segments_demo, or
#                    PGDATABASE when set); an existing one is replaced only
#                    when an earlier run of this script created it
#   --no-keep        stop the local instance at the end instead of keeping it
#   --stop           stop the instance an earlier run kept, and exit
#
# With PGHOST or PGDATABASE set, the demo uses that server instead of starting
# one; the extension must then be installable there (this machine's
# PostgreSQL, or one where it is installed already) and the role a superuser.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

scale=100000 seed=1 database= keep=true stop_only=false
while [ $# -gt 0 ]; do
    case "$1" in
        --scale) scale=${2:?--scale needs a number}; shift 2 ;;
        --seed) seed=${2:?--seed needs a number}; shift 2 ;;
        --database) database=${2:?--database needs a name}; shift 2 ;;
        --no-keep) keep=false; shift ;;
        --stop) stop_only=true; shift ;;
        -h | --help) sed -n '2,22s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) die "unknown option \"$1\" (see scripts/demo.sh --help)" ;;
    esac
done

repository=$(pwd)
output_dir="$repository/demo/out"
# The local instance this script keeps running between runs.
instance_file="$output_dir/instance"
mkdir -p "$output_dir"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
seconds_since() {
    local elapsed=$(($(now_ms) - $1))
    printf '%d.%d s' $((elapsed / 1000)) $((elapsed % 1000 / 100))
}
# Runs a step: prints its title, runs the command, then prints how long it took.
step() {
    local title=$1 started
    shift
    log "$title"
    started=$(now_ms)
    "$@"
    printf '    done in %s\n' "$(seconds_since "$started")" >&2
}

# Stops the instance recorded in $instance_file, if it still runs.
stop_kept_instance() {
    [ -f "$instance_file" ] || return 0
    INSTANCE_DIR=$(cat "$instance_file")
    rm -f "$instance_file"
    case "$INSTANCE_DIR" in
        /tmp/segments-pg.*) stop_instance ;;
        *) die "$instance_file names \"$INSTANCE_DIR\", which is not an instance this script started" ;;
    esac
}

if $stop_only; then
    if [ -f "$instance_file" ]; then
        log "stopping the demo instance in $(cat "$instance_file")"
        stop_kept_instance
    else
        log "no demo instance is running"
    fi
    exit 0
fi

demo_started=$(now_ms)
install_packages

build() { make -s -j"$(nproc)" PG_CONFIG="${PG_CONFIG:-pg_config}"; }
step "building the extension" build

# Installing replaces the server's copy of the extension, so on a machine where
# scripts/test.sh runs from several checkouts, the demo takes its turn (the
# lock is released when the script ends).
exec 9>/tmp/segments-test.lock
if ! flock -n 9; then
    step "waiting for another run of scripts/test.sh or scripts/demo.sh to finish" flock 9
fi
install() { as_root make -s install PG_CONFIG="${PG_CONFIG:-pg_config}" >/dev/null; }
step "installing the extension" install

local_instance=false
if [ -n "${PGHOST:-}" ] || [ -n "${PGDATABASE:-}" ]; then
    log "using the server named by PGHOST=${PGHOST:-} PGPORT=${PGPORT:-} PGUSER=${PGUSER:-}"
    database=${database:-${PGDATABASE:-segments_demo}}
else
    local_instance=true
    database=${database:-segments_demo}
    # A new instance for every run: it must load the extension just installed.
    stop_kept_instance
    start() {
        # wal_level = minimal lets the generator skip writing the loaded rows to
        # the WAL; pg_cron is preloaded for scheduled recalculation. The server
        # must not inherit the lock's file descriptor: it would hold the lock
        # for as long as it runs.
        start_instance "wal_level = minimal" "max_wal_senders = 0" "max_wal_size = '4GB'" \
            "shared_buffers = '256MB'" "shared_preload_libraries = 'pg_cron'" \
            "cron.database_name = '$database'" 9>&-
    }
    step "starting a PostgreSQL instance" start
    echo "$INSTANCE_DIR" >"$instance_file"
    if ! $keep; then
        trap 'stop_kept_instance' EXIT
    fi
fi
export PGDATABASE="$database"

psql_run() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# The demo database is dropped and created again on every run, so the script
# marks the databases it creates and refuses to replace any other.
demo_mark="created by scripts/demo.sh of segments; replaced on every run"
create_database() {
    local exists mark
    exists=$(psql_run -d postgres -At -v name="$database" \
        <<<"SELECT count(*) FROM pg_database WHERE datname = :'name';")
    if [ "$exists" = 1 ]; then
        mark=$(psql_run -d postgres -At -v name="$database" \
            <<<"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = :'name';")
        [ "$mark" = "$demo_mark" ] ||
            die "database \"$database\" exists and was not created by this script; choose another with --database NAME"
        # WITH (FORCE) ends the sessions still connected from the last run.
        psql_run -d postgres -v name="$database" <<<'DROP DATABASE :"name" WITH (FORCE);'
    fi
    psql_run -d postgres -v name="$database" -v mark="$demo_mark" <<'SQL'
CREATE DATABASE :"name";
COMMENT ON DATABASE :"name" IS :'mark';
SQL
    psql_run -c "SET client_min_messages = warning" -c "CREATE EXTENSION segments CASCADE"
}
step "creating database \"$database\" with the extension" create_database

step "generating $scale customers (seed $seed)" demo/generate.sh --scale "$scale" --seed "$seed"

step "creating the demo segments" psql_run -f demo/segments.sql

# Every segment is evaluated as of the instant the generated data ends.
as_of=$(psql_run -At -c "SELECT reference FROM demo.setting")
recalculate_all() {
    local id name started
    # Segments are created in dependency order, so id order recalculates a
    # segment after the segments it reads with in_segment.
    while IFS='|' read -r id name; do
        started=$(now_ms)
        psql_run -v id="$id" -v as_of="$as_of" <<<"CALL segments.recalculate(:id, :'as_of');"
        printf '    %-32s %s\n' "$name" "$(seconds_since "$started")" >&2
    done < <(psql_run -At -c "SELECT segment_id, name FROM segments.segment ORDER BY segment_id")
}
step "recalculating every segment as of $as_of" recalculate_all

echo
psql_run -P footer=off <<'SQL'
SELECT segment_id AS id, name AS segment, member_count AS members,
       round(extract(epoch FROM last_duration) * 1000) AS "recalculation ms"
FROM segments.segment
ORDER BY segment_id;
SQL
echo

# Client-side COPY: the file is written by psql, as the user running this script.
export_segment="Expires soon"
export_file="$output_dir/expires-soon.csv"
export_csv() {
    local id query
    id=$(psql_run -At -v name="$export_segment" \
        <<<"SELECT segment_id FROM segments.segment WHERE name = :'name';")
    if psql_run -At -c "SELECT to_regprocedure('segments.export_rows(bigint, boolean)') IS NOT NULL" |
        grep -q t; then
        query="SELECT * FROM segments.export_rows($id)"
    else
        # NOTE: the shape of segments.export_rows(), which is not installed yet.
        query="SELECT m.customer_id, c.email, c.first_name, c.last_name, c.phone, c.city, c.region,
                      c.country, c.postal_code, m.joined_at
               FROM segments.segment_members($id) AS m
               JOIN segments.customer AS c USING (customer_id)
               ORDER BY m.customer_id"
    fi
    psql_run -c "\\copy ($query) TO '$export_file' WITH (FORMAT csv, HEADER)"
}
step "exporting \"$export_segment\" through COPY" export_csv
# Done with the installed extension: let other runs install theirs.
exec 9>&-
echo "Exported $(($(wc -l <"$export_file") - 1)) members of \"$export_segment\" to $export_file"
echo

if $local_instance; then
    if $keep; then
        cat <<EOF
The demo ran in $(seconds_since "$demo_started"). Explore it with psql (see "Getting started" in README.md):

    psql -h $INSTANCE_DIR -U postgres -d $database

The PostgreSQL instance keeps running in $INSTANCE_DIR until you stop it:

    scripts/demo.sh --stop
EOF
    else
        echo "The demo ran in $(seconds_since "$demo_started"); its PostgreSQL instance is stopped."
    fi
else
    cat <<EOF
The demo ran in $(seconds_since "$demo_started"). Explore it with psql (see "Getting started" in README.md):

    psql -d $database
EOF
fi
