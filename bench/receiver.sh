#!/usr/bin/env bash
# Receiver load benchmark (not a test). Runs, on this machine and in one run:
#   1. the receiver's own /healthz under wrk (the HTTP ceiling of this JVM and server),
#   2. the receiver's webhook endpoint on SQLite with durable commits (WAL, synchronous=FULL),
#      with distinct signed requests from shared/bench/gen_guide.py, processing running meanwhile
#      against a local GraphQL stand-in (bench/graphql-standin.js) that knows the generated ids,
#   3. the guide's Express receiver (shared/bench/express-seed) under the same load.
# Then it checks: new acknowledgements <= stored <= new acknowledgements + 32, and reports
# requests/s, p50/p99, commits/s, units per commit, RSS and how long the processing backlog takes to drain.
# Usage: bench/receiver.sh            (env: N=200000 requests generated, DURATION=10s, CONNS=32, WARMUP=40s, WORKERS=8)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${SHARED:-$root/../shared}
cd "$root"
. bin/jdk.sh
scribehook_require_jdk
N=${N:-200000}; DURATION=${DURATION:-10s}; CONNS=${CONNS:-32}
SECRET=whsec_bench
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -qq wrk >/dev/null; }
command -v sqlite3 >/dev/null || { echo "installing sqlite3"; apt-get install -y -qq sqlite3 >/dev/null; }
work=$(mktemp -d /tmp/scribehook-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 120); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "not up: $1" >&2; exit 1; }
metric() { curl -fs "http://127.0.0.1:$rport/metrics" | awk -v m="$1" '$1 == m {print $2}'; }

echo "== generating $N signed requests (guide profile) and $N warm-up requests"
python3 "$shared/bench/gen_guide.py" "$N" "$SECRET" /healthie-webhooks 1 > "$work/reqs.tsv"
python3 "$shared/bench/gen_guide.py" "$N" "$SECRET" /healthie-webhooks $((N + 1)) > "$work/warm.tsv"

gport=$(free_port)
node bench/graphql-standin.js "$gport" 100001 $((2 * N)) & pids+=($!)
echo "== GraphQL stand-in on :$gport knows appointments 100001..$((100000 + 2 * N)); processing runs during the load"

./scribehook --version >/dev/null   # builds the jar when missing or stale
rport=$(free_port)
SCRIBEHOOK_NO_BUILD=1 SCRIBEHOOK_HTTP_PORT=$rport SCRIBEHOOK_DATA_DIR="$work/data" SCRIBEHOOK_ROLES=receiver \
  SCRIBEHOOK_WEBHOOK_SECRETS=$SECRET SCRIBEHOOK_ADMIN_TOKEN=bench-admin-token-0123456789 \
  SCRIBEHOOK_HEALTHIE_API_URL="http://127.0.0.1:$gport/graphql" SCRIBEHOOK_HEALTHIE_API_KEY=bench SCRIBEHOOK_RECEIVER_WORKERS=${WORKERS:-8} \
  ./scribehook serve > "$work/receiver.out" 2> "$work/receiver.log" & rpid=$!; pids+=($rpid)
wait_http "http://127.0.0.1:$rport/readyz"
jpid=$(pgrep -P "$rpid" java || echo "$rpid")
db="$work/data/scribehook.db"
echo "== receiver pid $jpid on :$rport, SQLite $(sqlite3 "$db" 'PRAGMA journal_mode;') (synchronous=FULL set per connection), JVM: launcher defaults"

echo "== /healthz (same JVM, same load)"
wrk -t1 -c"$CONNS" -d5s "http://127.0.0.1:$rport/healthz" >/dev/null
healthz=$(wrk -t1 -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:$rport/healthz")
healthz_rps=$(echo "$healthz" | awk '/Requests\/sec/ {print $2}')

echo "== warm-up: ${WARMUP:-40s}, distinct ids, not counted (on 2 cores C2 still takes a third of the CPU 15 s in)"
REQS="$work/warm.tsv" wrk -t1 -c"$CONNS" -d"${WARMUP:-40s}" -s bench/receiver.lua "http://127.0.0.1:$rport/healthie-webhooks" | grep COUNTS
stored_before=$(sqlite3 "$db" "SELECT count(*) FROM receiver_webhooks WHERE status NOT IN ('duplicate','rejected')")
c0=$(metric scribehook_store_commits_total); u0=$(metric scribehook_store_units_committed_total)
echo "== webhooks: wrk -t1 -c$CONNS -d$DURATION"
t0=$(date +%s.%N)
out=$(REQS="$work/reqs.tsv" wrk -t1 -c"$CONNS" -d"$DURATION" --latency -s bench/receiver.lua "http://127.0.0.1:$rport/healthie-webhooks")
t1=$(date +%s.%N)
c1=$(metric scribehook_store_commits_total); u1=$(metric scribehook_store_units_committed_total)
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$jpid/status")
counts=$(echo "$out" | grep COUNTS)
acked=$(echo "$counts" | sed -n 's/.*acked=\([0-9]*\).*/\1/p')
stored_after=$(sqlite3 "$db" "SELECT count(*) FROM receiver_webhooks WHERE status NOT IN ('duplicate','rejected')")
stored=$((stored_after - stored_before))
recv_rps=$(echo "$counts" | sed -n 's/.*rps=\([0-9.]*\).*/\1/p')
p50=$(echo "$counts" | sed -n 's/.*p50_us=\([0-9]*\).*/\1/p'); p99=$(echo "$counts" | sed -n 's/.*p99_us=\([0-9]*\).*/\1/p')
secs=$(echo "$t1 - $t0" | bc -l)

echo "== draining the processing backlog"
d0=$(date +%s.%N)
while :; do
  left=$(sqlite3 "$db" "SELECT count(*) FROM jobs WHERE state IN ('available','running','retryable')" 2>/dev/null || echo 1)
  [ "$left" = 0 ] && break
  sleep 0.5
done
drain=$(echo "$(date +%s.%N) - $d0" | bc -l)
processed=$(sqlite3 "$db" "SELECT count(*) FROM receiver_webhooks WHERE status = 'processed'")
dead=$(sqlite3 "$db" "SELECT count(*) FROM receiver_webhooks WHERE status IN ('dead','failed')")

echo "== Express receiver (shared/bench/express-seed) under the same load"
cp -r "$shared/bench/express-seed" "$work/express"
(cd "$work/express" && npm install --silent --no-audit --no-fund >/dev/null 2>&1)
eport=$(free_port)
(cd "$work/express" && HEALTHIE_WEBHOOK_SECRET=$SECRET PORT=$eport exec node server.js > /dev/null 2>&1) & pids+=($!)
wait_http "http://127.0.0.1:$eport/stats"
REQS="$work/warm.tsv" wrk -t1 -c"$CONNS" -d15s -s bench/receiver.lua "http://127.0.0.1:$eport/healthie-webhooks" >/dev/null
eout=$(REQS="$work/reqs.tsv" wrk -t1 -c"$CONNS" -d"$DURATION" --latency -s bench/receiver.lua "http://127.0.0.1:$eport/healthie-webhooks")
ecounts=$(echo "$eout" | grep COUNTS)
express_rps=$(echo "$ecounts" | sed -n 's/.*rps=\([0-9.]*\).*/\1/p')

echo
echo "== results ($(date -u +%F), $(nproc) cores; one run, compare the ratios)"
printf '%-34s %10s\n' "receiver /healthz requests/s" "$healthz_rps"
printf '%-34s %10s   (p50 %s us, p99 %s us)\n' "receiver webhooks requests/s" "$recv_rps" "$p50" "$p99"
printf '%-34s %10s   (%s)\n' "express-seed requests/s" "$express_rps" "$ecounts"
printf '%-34s %10.2f   (target >= 3)\n' "receiver / express" "$(echo "$recv_rps / $express_rps" | bc -l)"
printf '%-34s %10.2f   (target >= 0.5)\n' "receiver / own /healthz" "$(echo "$recv_rps / $healthz_rps" | bc -l)"
printf '%-34s %10s   (target < 20000)\n' "p99 us" "$p99"
printf '%-34s %10.0f\n' "commits/s during load" "$(echo "($c1 - $c0) / $secs" | bc -l)"
printf '%-34s %10.1f\n' "units per commit during load" "$(echo "($u1 - $u0) / ($c1 - $c0)" | bc -l)"
printf '%-34s %10d MB   (target < 300)\n' "receiver peak RSS" $((rss_kb / 1024))
printf '%-34s %s\n' "answers" "$counts"
printf '%-34s %s new acknowledgements, %s stored (must be acked <= stored <= acked + %s)\n' "durability check" "$acked" "$stored" "$CONNS"
printf '%-34s %.1f s after the load; %s processed, %s failed or dead in total\n' "backlog drain" "$drain" "$processed" "$dead"
if [ "$acked" -le "$stored" ] && [ "$stored" -le $((acked + CONNS)) ]; then echo "durability check: OK"; else echo "durability check: FAILED"; exit 1; fi
