#!/usr/bin/env bash
# Racing senders: claim_recipients with the same message key in two sessions
# never returns one customer to both, through one segment or through two
# segments that share members, and a sender that rolls back claims nobody.
set -euo pipefail
source "$(dirname "$0")/lib/sessions.sh"
setup_database segments_concurrency_claims

# Customers 1-4 hold the City Pass, 3-6 visited the museum: 3 and 4 are in both segments.
sql "INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City Pass', 'pass'), (2, 'Museum ticket', 'product');
     INSERT INTO segments.customer (customer_id, created_at)
         SELECT g, '2025-01-01 00:00+00' FROM generate_series(1, 6) AS g;
     INSERT INTO segments.acquisition (customer_id, item_id, acquired_at)
         SELECT g, 1, '2025-02-01 00:00+00' FROM generate_series(1, 4) AS g;
     INSERT INTO segments.acquisition (customer_id, item_id, acquired_at)
         SELECT g, 2, '2025-02-01 00:00+00' FROM generate_series(3, 6) AS g;
     SELECT segments.create_segment('City pass holders',
         '{\"match\": \"all\", \"conditions\": [{\"type\": \"item_purchase\", \"items\": [1]}]}');
     SELECT segments.create_segment('Museum visitors',
         '{\"match\": \"all\", \"conditions\": [{\"type\": \"item_purchase\", \"items\": [2]}]}');" >/dev/null
city=$(sql "SELECT segment_id FROM segments.segment WHERE name = 'City pass holders'")
museum=$(sql "SELECT segment_id FROM segments.segment WHERE name = 'Museum visitors'")

# Prints "LABEL:" and the claimed customer ids, comma-separated.
claim() {
    local label=$1 segment=$2 key=$3
    printf "SELECT '%s:' || coalesce(string_agg(c::text, ',' ORDER BY c), '') FROM segments.claim_recipients(%s, '%s') AS c;" \
        "$label" "$segment" "$key"
}

session_start first
session_start second

echo "# one segment, one key: the second sender waits and then gets nobody"
session_send first "BEGIN;
$(claim first-a "$city" welcome)"
session_wait_for first '^first-a:'
session_send second "$(claim second-a "$city" welcome)"
wait_blocked_by second first
session_send first "COMMIT;"
session_wait_for second '^second-a:'
[ "$(grep '^first-a:' "$SESSION_DIR/first.out")" = "first-a:1,2,3,4" ] || fail "first sender: $(session_output first)"
[ "$(grep '^second-a:' "$SESSION_DIR/second.out")" = "second-a:" ] || fail "second sender: $(session_output second)"
echo "ok - the first sender got 1-4, the second nobody"

echo "# two segments that share customers 3 and 4, one key"
session_send first "BEGIN;
$(claim first-b "$city" reminder)"
session_wait_for first '^first-b:'
session_send second "$(claim second-b "$museum" reminder)"
wait_blocked_by second first
session_send first "COMMIT;"
session_wait_for second '^second-b:'
[ "$(grep '^first-b:' "$SESSION_DIR/first.out")" = "first-b:1,2,3,4" ] || fail "first sender: $(session_output first)"
[ "$(grep '^second-b:' "$SESSION_DIR/second.out")" = "second-b:5,6" ] || fail "second sender: $(session_output second)"
echo "ok - the museum sender got only 5 and 6"

echo "# a sender that rolls back claims nobody"
session_send first "BEGIN;
$(claim first-c "$city" survey)"
session_wait_for first '^first-c:'
session_send second "$(claim second-c "$museum" survey)"
wait_blocked_by second first
session_send first "ROLLBACK;"
session_wait_for second '^second-c:'
[ "$(grep '^second-c:' "$SESSION_DIR/second.out")" = "second-c:3,4,5,6" ] || fail "second sender: $(session_output second)"
echo "ok - after the rollback the museum sender got 3-6"
session_send first "$(claim first-d "$city" survey)"
session_wait_for first '^first-d:'
[ "$(grep '^first-d:' "$SESSION_DIR/first.out")" = "first-d:1,2" ] || fail "first sender: $(session_output first)"
echo "ok - sending again through the city segment reaches only 1 and 2"

expect "every customer is claimed at most once per key" \
    "SELECT count(*) FROM (SELECT message_key, customer_id FROM segments.message_claim
                           GROUP BY 1, 2 HAVING count(*) > 1) AS twice" "0"
expect "the claims per key" \
    "SELECT string_agg(format('%s=%s', message_key, n), ' ' ORDER BY message_key)
     FROM (SELECT message_key, count(*) AS n FROM segments.message_claim GROUP BY 1) AS k" \
    "reminder=6 survey=6 welcome=4"

session_stop first
session_stop second
echo "concurrency_claims: all checks passed"
