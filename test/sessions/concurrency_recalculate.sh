#!/usr/bin/env bash
# Concurrent recalculations. Two runs of one segment never interleave, and
# fact tables stay writable during a run. A run's result is that of the
# snapshot it read, and readers see the old members until it commits.
# Cancelling a run (pg_cancel_backend, statement_timeout) loses nothing, and
# recalculate_all commits each segment as it goes.
#
# Runs are held at a known point without sleeping: a session locks a customer
# row FOR UPDATE, and a run that adds that customer as a member waits at the
# foreign key check on segment_member, after its membership statement has
# read its snapshot.
set -euo pipefail
source "$(dirname "$0")/lib/sessions.sh"
setup_database segments_concurrency_recalculate

sql "INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City Pass', 'pass'), (2, 'Museum ticket', 'product');
     INSERT INTO segments.customer (customer_id, created_at)
         SELECT g, '2025-01-01 00:00+00' FROM generate_series(1, 10) AS g;
     INSERT INTO segments.acquisition (customer_id, item_id, acquired_at)
         SELECT g, 1, '2025-02-01 00:00+00' FROM generate_series(1, 3) AS g;
     SELECT segments.create_segment('City pass holders',
         '{\"match\": \"all\", \"conditions\": [{\"type\": \"item_purchase\", \"items\": [1]}]}');" >/dev/null
segment=$(sql "SELECT segment_id FROM segments.segment WHERE name = 'City pass holders'")
expect "the segment starts with customers 1 to 3" \
    "SELECT string_agg(customer_id::text, ',' ORDER BY customer_id) FROM segments.segment_member WHERE segment_id = $segment" "1,2,3"

echo "# two recalculations of one segment run one after the other"
session_start first
session_start second
session_send first "BEGIN;
CALL segments.recalculate($segment);
\\echo first-recalculated"
session_wait_for first '^first-recalculated$'
# Writers of the fact tables are not blocked by the open run.
sql "SET lock_timeout = '2s'; INSERT INTO segments.acquisition (customer_id, item_id, acquired_at) VALUES (4, 1, '2025-02-02 00:00+00')" >/dev/null ||
    fail "inserting an acquisition waited for the open recalculation"
sql "SET lock_timeout = '2s'; UPDATE segments.acquisition SET promotion_code = 'SPRING' WHERE customer_id = 1" >/dev/null ||
    fail "updating an acquisition waited for the open recalculation"
echo "ok - fact tables are writable during a recalculation"
session_send second "CALL segments.recalculate($segment);
\\echo second-done"
wait_blocked_by second first
waited_at=$(sql "SELECT clock_timestamp()")
grep -q second-done "$SESSION_DIR/second.out" && fail "the second run finished while the first was open"
echo "ok - the second run waits for the first"
session_send first "COMMIT;
\\echo first-committed"
session_wait_for second '^second-done$'
expect "both runs succeeded, the second one adding customer 4" \
    "SELECT string_agg(format('%s/%s/%s', member_count, joined_count, left_count), ' ' ORDER BY recalculation_id)
     FROM segments.recalculation WHERE segment_id = $segment AND trigger = 'manual'" "3/0/0 4/1/0"
expect "the second run started after the first one's transaction ended" \
    "SELECT started_at > '$waited_at' FROM segments.recalculation
     WHERE segment_id = $segment AND trigger = 'manual' ORDER BY recalculation_id DESC LIMIT 1" "t"
expect "the count equals the stored rows" \
    "SELECT s.member_count = (SELECT count(*) FROM segments.segment_member AS m WHERE m.segment_id = s.segment_id)
     FROM segments.segment AS s WHERE s.segment_id = $segment" "t"
expect "customer 4 joined once" \
    "SELECT count(*) FROM segments.membership_change WHERE segment_id = $segment AND customer_id = 4" "1"

echo "# a run's result is the one of the snapshot it read"
sql "INSERT INTO segments.acquisition (customer_id, item_id, acquired_at) VALUES (5, 1, '2025-02-03 00:00+00')" >/dev/null
session_start locker
session_send locker "BEGIN;
SELECT 1 FROM segments.customer WHERE customer_id = 5 FOR UPDATE;
\\echo locked"
session_wait_for locker '^locked$'
session_send first "CALL segments.recalculate($segment);
\\echo snapshot-run-done"
wait_blocked_by first locker
sql "SET lock_timeout = '2s'; INSERT INTO segments.acquisition (customer_id, item_id, acquired_at) VALUES (6, 1, '2025-02-04 00:00+00')" >/dev/null ||
    fail "inserting an acquisition waited for the running recalculation"
expect "readers see the old members while the run is not committed" \
    "SELECT (SELECT count(*) FROM segments.segment_member WHERE segment_id = $segment) || '/' || member_count
     FROM segments.segment WHERE segment_id = $segment" "4/4"
session_send locker "ROLLBACK;"
session_wait_for first '^snapshot-run-done$'
expect "customer 5 joined; customer 6, who bought during the run, did not" \
    "SELECT string_agg(customer_id::text, ',' ORDER BY customer_id) FROM segments.segment_member WHERE segment_id = $segment" "1,2,3,4,5"
sql "CALL segments.recalculate($segment)" >/dev/null
expect "the next run adds customer 6" \
    "SELECT string_agg(customer_id::text, ',' ORDER BY customer_id) FROM segments.segment_member WHERE segment_id = $segment" "1,2,3,4,5,6"

echo "# pg_cancel_backend during a run loses nothing"
sql "INSERT INTO segments.acquisition (customer_id, item_id, acquired_at) VALUES (7, 1, '2025-02-05 00:00+00')" >/dev/null
last_calculated=$(sql "SELECT last_calculated_at FROM segments.segment WHERE segment_id = $segment")
session_send locker "BEGIN;
SELECT 1 FROM segments.customer WHERE customer_id = 7 FOR UPDATE;
\\echo locked-again"
session_wait_for locker '^locked-again$'
session_send first "CALL segments.recalculate($segment);
\\echo cancelled-run-returned"
wait_blocked_by first locker
sql "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'first' AND datname = current_database()" >/dev/null
session_wait_for first 'canceling statement due to user request'
session_wait_for first '^cancelled-run-returned$'
session_send locker "ROLLBACK;"
expect "the members are those before the cancelled run" \
    "SELECT string_agg(customer_id::text, ',' ORDER BY customer_id) FROM segments.segment_member WHERE segment_id = $segment" "1,2,3,4,5,6"
expect "the segment keeps its count and last successful run, and shows the failure" \
    "SELECT format('%s %s %s %s', member_count, last_calculated_at = '$last_calculated', last_outcome, last_error)
     FROM segments.segment WHERE segment_id = $segment" \
    "6 t failed canceling statement due to user request (SQLSTATE 57014)"
expect "the cancelled run is in the run log and changed no membership" \
    "SELECT format('%s %s', r.outcome, (SELECT count(*) FROM segments.membership_change AS c WHERE c.recalculation_id = r.recalculation_id))
     FROM segments.recalculation AS r WHERE r.segment_id = $segment ORDER BY r.recalculation_id DESC LIMIT 1" "failed 0"

echo "# recalculate_all commits each segment; statement_timeout stops it and loses nothing"
# The last segment in the order waits for customer 8, held by the locker.
sql "INSERT INTO segments.acquisition (customer_id, item_id, acquired_at) VALUES (8, 2, '2025-02-06 00:00+00');
     SELECT segments.create_segment('Museum visitors',
         '{\"match\": \"all\", \"conditions\": [{\"type\": \"item_purchase\", \"items\": [2]}]}');" >/dev/null
museum=$(sql "SELECT segment_id FROM segments.segment WHERE name = 'Museum visitors'")
sql "INSERT INTO segments.acquisition (customer_id, item_id, acquired_at) VALUES (9, 2, '2025-02-07 00:00+00')" >/dev/null
session_send locker "BEGIN;
SELECT 1 FROM segments.customer WHERE customer_id = 9 FOR UPDATE;
\\echo locked-for-all"
session_wait_for locker '^locked-for-all$'
session_send first "SET statement_timeout = '5s';
CALL segments.recalculate_all('2025-03-01 00:00+00');
\\echo recalculate-all-returned"
wait_blocked_by first locker
expect "the first segment's run is committed while the run goes on" \
    "SELECT outcome FROM segments.recalculation WHERE segment_id = $segment AND as_of = '2025-03-01 00:00+00'" "succeeded"
expect "the finished segment is no longer locked" \
    "SET lock_timeout = '1s'; SELECT segment_id FROM segments.segment WHERE segment_id = $segment FOR NO KEY UPDATE" "$segment"
session_wait_for first 'canceling statement due to statement timeout' 20
session_wait_for first '^recalculate-all-returned$'
session_send locker "ROLLBACK;"
expect "the interrupted segment keeps its members and shows the timeout" \
    "SELECT format('%s %s %s', (SELECT string_agg(customer_id::text, ',' ORDER BY customer_id) FROM segments.segment_member WHERE segment_id = $museum),
                   last_outcome, last_error)
     FROM segments.segment WHERE segment_id = $museum" \
    "8 failed canceling statement due to statement timeout (SQLSTATE 57014)"
expect "the finished segment keeps its run" \
    "SELECT string_agg(outcome, ',' ORDER BY segment_id) FROM segments.recalculation WHERE as_of = '2025-03-01 00:00+00'" \
    "succeeded,failed"

echo "# lock_timeout fails only the segment another session is recalculating"
session_send second "BEGIN;
CALL segments.recalculate($segment);
\\echo second-holds-segment"
session_wait_for second '^second-holds-segment$'
session_send first "SET lock_timeout = '1s';
CALL segments.recalculate_all('2025-04-01 00:00+00');
\\echo all-with-lock-timeout-returned"
session_wait_for first '^all-with-lock-timeout-returned$'
session_send second "COMMIT;"
expect "the locked segment's run failed on the lock timeout, the other one succeeded" \
    "SELECT string_agg(format('%s %s', outcome, coalesce(error, '-')), ' / ' ORDER BY segment_id)
     FROM segments.recalculation WHERE as_of = '2025-04-01 00:00+00'" \
    "failed canceling statement due to lock timeout (SQLSTATE 55P03) / succeeded -"
session_wait_for first 'WARNING:  recalculation of segment [0-9]+ failed: canceling statement due to lock timeout'
expect "the locked segment shows the other session's successful run" \
    "SELECT last_outcome FROM segments.segment WHERE segment_id = $segment" "succeeded"

echo "# a customer deleted while a run adds them: the run is repeated"
sql "INSERT INTO segments.acquisition (customer_id, item_id, acquired_at) VALUES (10, 1, '2025-02-08 00:00+00')" >/dev/null
runs_before=$(sql "SELECT count(*) FROM segments.recalculation WHERE segment_id = $segment")
session_send locker "BEGIN;
DELETE FROM segments.customer WHERE customer_id = 10;
\\echo customer-deleted"
session_wait_for locker '^customer-deleted$'
session_send first "RESET lock_timeout;
CALL segments.recalculate($segment);
\\echo run-after-delete-returned"
wait_blocked_by first locker
session_send locker "COMMIT;"
session_wait_for first '^run-after-delete-returned$'
expect "one more run, which succeeded" \
    "SELECT format('%s %s', count(*) - $runs_before, (array_agg(outcome ORDER BY recalculation_id DESC))[1])
     FROM segments.recalculation WHERE segment_id = $segment" "1 succeeded"
expect "the deleted customer is not a member" \
    "SELECT count(*) FROM segments.segment_member WHERE customer_id = 10" "0"

session_stop first
session_stop second
session_stop locker
echo "concurrency_recalculate: all checks passed"
