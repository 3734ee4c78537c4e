#!/usr/bin/env bash
# Polls the memory of one process until a file appears, then prints the
# highest RssAnon seen and the final VmHWM, in kB: "peak_rss_anon_kb vm_hwm_kb".
#
# RssAnon is the process's private anonymous memory (for a PostgreSQL backend:
# its memory contexts, hash tables, sort space and JIT code); VmHWM, the peak
# resident size, also counts every page of shared_buffers the backend touched,
# so it grows with the data read and says little about the backend's own
# memory.
#
# Usage: peak_memory.sh PID STOP_FILE
set -u
pid=$1 stop_file=$2
peak=0 hwm=0
read_status() {
    local key value rest
    while read -r key value rest; do
        case "$key" in
            RssAnon:) [ "$value" -gt "$peak" ] && peak=$value ;;
            VmHWM:) hwm=$value ;;
        esac
    done <"/proc/$pid/status"
}
# read -t on a FIFO that nobody writes waits without starting a process, so
# polling every 50 ms takes little CPU from the backend it watches.
fifo=$(mktemp -u /tmp/peak_memory.XXXXXX)
mkfifo "$fifo"
exec 3<>"$fifo"
rm -f "$fifo"
while [ ! -e "$stop_file" ] && [ -e "/proc/$pid/status" ]; do
    read_status 2>/dev/null || break
    read -r -t 0.05 -u 3 _ || true
done
[ -e "/proc/$pid/status" ] && read_status 2>/dev/null
echo "$peak $hwm"
