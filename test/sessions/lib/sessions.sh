# Helpers for the multi-session tests: background psql sessions fed through
# named pipes, and bounded waits on what the server reports. Source it from a
# test script; it defines functions only. The scripts run against the server
# in PGHOST/PGPORT/PGUSER (scripts/test.sh sets them).

SESSION_DIR=$(mktemp -d /tmp/segments-sessions.XXXXXX)
declare -A SESSION_FD SESSION_PID

fail() {
    printf 'FAIL: %s\n' "$*" >&2
    exit 1
}

# Runs SQL in the test database and prints the result unaligned, without headers.
sql() {
    psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$TEST_DB" -c "$1"
}

# Starts a psql session named NAME (also its application_name) on the test
# database, reading the statements that session_send writes.
session_start() {
    local name=$1 fd
    mkfifo "$SESSION_DIR/$name.in"
    # The new psql must not inherit the other sessions' pipe ends, or closing
    # one of them would not end that session's input.
    (
        for fd in "${SESSION_FD[@]}"; do
            eval "exec $fd>&-"
        done
        PGAPPNAME=$name exec psql -X -q -A -t -d "$TEST_DB" <"$SESSION_DIR/$name.in" \
            >"$SESSION_DIR/$name.out" 2>&1
    ) &
    SESSION_PID[$name]=$!
    exec {fd}>"$SESSION_DIR/$name.in"
    SESSION_FD[$name]=$fd
}

# Sends statements (one or more lines) to session NAME without waiting.
session_send() {
    printf '%s\n' "$2" >&"${SESSION_FD[$1]}"
}

# The output session NAME has printed so far.
session_output() {
    cat "$SESSION_DIR/$1.out"
}

# Waits up to SECONDS for a line matching the extended regex PATTERN in the
# output of session NAME.
session_wait_for() {
    local name=$1 pattern=$2 seconds=${3:-20} waited=0
    until grep -Eq -- "$pattern" "$SESSION_DIR/$name.out"; do
        [ "$waited" -lt "$((seconds * 10))" ] ||
            fail "session $name printed no line matching \"$pattern\" within ${seconds}s; it printed: $(session_output "$name")"
        sleep 0.1
        waited=$((waited + 1))
    done
}

# Ends session NAME: closes its input and waits for psql to exit.
session_stop() {
    local name=$1 fd=${SESSION_FD[$1]}
    exec {fd}>&-
    wait "${SESSION_PID[$name]}" 2>/dev/null || true
    unset "SESSION_FD[$name]" "SESSION_PID[$name]"
}

# Waits up to SECONDS until the SQL query prints t.
wait_until() {
    local query=$1 seconds=${2:-20} waited=0
    until [ "$(sql "$query")" = t ]; do
        [ "$waited" -lt "$((seconds * 10))" ] || fail "not true within ${seconds}s: $query"
        sleep 0.1
        waited=$((waited + 1))
    done
}

# Waits until session WAITER is waiting for a lock that session HOLDER holds.
wait_blocked_by() {
    local waiter=$1 holder=$2
    wait_until "SELECT EXISTS (SELECT 1 FROM pg_stat_activity AS w, pg_stat_activity AS h
                WHERE w.application_name = '$waiter' AND h.application_name = '$holder'
                  AND w.datname = current_database() AND h.datname = current_database()
                  AND w.wait_event_type = 'Lock' AND h.pid = ANY (pg_blocking_pids(w.pid)))"
}

# Checks that QUERY prints EXPECTED, reporting DESCRIPTION as the check's name.
expect() {
    local description=$1 query=$2 expected=$3 actual
    actual=$(sql "$query") || fail "$description: query failed: $query"
    [ "$actual" = "$expected" ] || fail "$description: expected \"$expected\", got \"$actual\""
    printf 'ok - %s\n' "$description"
}

# Creates the test database with the extension; drops it again on exit,
# after stopping the sessions this script started.
setup_database() {
    TEST_DB=$1
    trap cleanup EXIT
    psql -X -q -d postgres -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" \
        -c "DROP DATABASE IF EXISTS $TEST_DB" \
        -c "CREATE DATABASE $TEST_DB" >/dev/null
    psql -X -q -d "$TEST_DB" -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" \
        -c "CREATE EXTENSION segments CASCADE" >/dev/null
}

cleanup() {
    local name
    for name in "${!SESSION_PID[@]}"; do
        kill "${SESSION_PID[$name]}" 2>/dev/null || true
        wait "${SESSION_PID[$name]}" 2>/dev/null || true
    done
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $TEST_DB WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$SESSION_DIR"
}
