#!/usr/bin/env bash
# Runs every test of the project on this machine: installs what is missing
# (Debian packages, as root or through sudo), builds, runs the core unit tests
# (ctest), installs the extension, starts a throwaway PostgreSQL instance with
# pg_cron preloaded, runs the pg_regress suite and the multi-session tests in
# test/sessions/, then stops the instance and removes it.
#
# Usage: scripts/test.sh        (PG_CONFIG=/path/to/pg_config to pick a server)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

install_packages

log "building and running the core unit tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
ctest_output=$(cd build && ctest --output-on-failure 2>&1) && ctest_status=0 || ctest_status=$?
printf '%s\n' "$ctest_output" | tail -n 3
unit_total=$(printf '%s\n' "$ctest_output" | sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p')
unit_failed=$(printf '%s\n' "$ctest_output" | sed -n 's/.* \([0-9]*\) tests failed out of.*/\1/p')

log "building the extension"
make -s -j"$(nproc)" PG_CONFIG="${PG_CONFIG:-pg_config}"

# Installing replaces the server's copy of the extension, so runs from several
# checkouts on one machine take turns from here on.
exec 9>/tmp/segments-test.lock
flock 9

as_root make -s install PG_CONFIG="${PG_CONFIG:-pg_config}" >/dev/null

trap stop_instance EXIT
log "starting a throwaway PostgreSQL instance"
start_instance "shared_preload_libraries = 'pg_cron'" "cron.database_name = 'segments_cron'" \
    "max_worker_processes = 16"

log "running the pg_regress suite"
regress_status=0
regress_output=$(make -s installcheck PG_CONFIG="${PG_CONFIG:-pg_config}" 2>&1) || regress_status=$?
printf '%s\n' "$regress_output"
[ "$regress_status" -eq 0 ] || [ ! -f regression.diffs ] || head -n 200 regression.diffs
# pg_regress prints "test NAME ... ok" up to PostgreSQL 15 and TAP lines from 16 on.
regress_passed=$(printf '%s\n' "$regress_output" | grep -Ec '(\.\.\. ok|^ok [0-9]+ )' || true)
regress_failed=$(printf '%s\n' "$regress_output" | grep -Ec '(\.\.\. FAILED|^not ok [0-9]+ )' || true)

log "running the multi-session tests"
session_passed=0 session_failed=0
for script in test/sessions/*.sh; do
    [ -e "$script" ] || continue
    if bash "$script"; then
        session_passed=$((session_passed + 1)); echo "ok: $script"
    else
        session_failed=$((session_failed + 1)); echo "FAILED: $script"
    fi
done

passed=$(( ${unit_total:-0} - ${unit_failed:-0} + regress_passed + session_passed ))
failed=$(( ${unit_failed:-0} + regress_failed + session_failed ))
[ "$ctest_status" -eq 0 ] || [ "${unit_failed:-0}" -gt 0 ] || failed=$((failed + 1))
[ "$regress_status" -eq 0 ] || [ "$regress_failed" -gt 0 ] || failed=$((failed + 1))
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
