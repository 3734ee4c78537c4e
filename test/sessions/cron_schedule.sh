#!/usr/bin/env bash
# A real scheduled recalculation: pg_cron (preloaded by scripts/test.sh, which
# keeps its jobs in database segments_cron) runs the job that
# segments.schedule_recalculation registers, and the run log shows a
# succeeded run with trigger schedule. pg_cron starts jobs on the minute, so
# this waits up to 75 seconds.
set -euo pipefail
source "$(dirname "$0")/lib/sessions.sh"

cron_database=$(psql -X -A -t -d postgres -c "SELECT current_setting('cron.database_name', true)")
[ "$cron_database" = segments_cron ] ||
    fail "the server must load pg_cron with cron.database_name = 'segments_cron' (it has \"$cron_database\")"
setup_database segments_cron
sql "CREATE EXTENSION pg_cron" >/dev/null

sql "INSERT INTO segments.item (item_id, name, kind) VALUES (1, 'City Pass', 'pass');
     INSERT INTO segments.customer (customer_id, created_at)
         SELECT g, '2025-01-01 00:00+00' FROM generate_series(1, 5) AS g;
     INSERT INTO segments.acquisition (customer_id, item_id, acquired_at)
         SELECT g, 1, '2025-02-01 00:00+00' FROM generate_series(1, 3) AS g;
     SELECT segments.create_segment('City pass holders',
         '{\"match\": \"all\", \"conditions\": [{\"type\": \"item_purchase\", \"items\": [1]}]}');" >/dev/null

job=$(sql "SELECT segments.schedule_recalculation('*/5 * * * *')")
again=$(sql "SELECT segments.schedule_recalculation('* * * * *')")
[ "$job" = "$again" ] || fail "scheduling again made a new job ($job, then $again)"
expect "one job, with the last schedule and the recalculate_all command" \
    "SELECT format('%s|%s|%s', count(*), min(schedule), min(command)) FROM cron.job WHERE jobname = 'segments.recalculate_all'" \
    "1|* * * * *|CALL segments.recalculate_all(trigger => 'schedule')"

# A customer who joins only when the scheduled run happens.
sql "INSERT INTO segments.acquisition (customer_id, item_id, acquired_at) VALUES (4, 1, '2025-02-02 00:00+00')" >/dev/null
echo "# waiting for pg_cron to run the job (up to 75 s)"
waited=0
until [ "$(sql "SELECT EXISTS (SELECT 1 FROM segments.recalculation WHERE trigger = 'schedule' AND outcome = 'succeeded')")" = t ]; do
    if [ "$waited" -ge 75 ]; then
        echo "cron.job_run_details:" >&2
        sql "SELECT jobid, status, return_message, start_time FROM cron.job_run_details ORDER BY runid" >&2 || true
        fail "no succeeded schedule run within 75 s"
    fi
    sleep 1
    waited=$((waited + 1))
done
echo "ok - pg_cron ran a scheduled recalculation after about ${waited}s"
expect "the scheduled run added customer 4" \
    "SELECT string_agg(customer_id::text, ',' ORDER BY customer_id) FROM segments.segment_member" "1,2,3,4"
expect "pg_cron recorded the job as succeeded" \
    "SELECT bool_or(status = 'succeeded') FROM cron.job_run_details WHERE jobid = $job" "t"

expect "unscheduling removes the job" "SELECT segments.unschedule_recalculation()" "t"
expect "no job is left" "SELECT count(*) FROM cron.job WHERE jobname = 'segments.recalculate_all'" "0"
expect "unscheduling again finds nothing" "SELECT segments.unschedule_recalculation()" "f"
echo "cron_schedule: all checks passed"
