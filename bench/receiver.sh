#!/usr/bin/env bash
# Receiver load benchmark (not a test). Runs, on this machine and in one run:
#   1. the receiver's own /healthz under wrk (the HTTP ceiling of this JVM and server),
#   2. the receiver's webhook endpoint on SQLite with durable commits (WAL, synchronous=FULL),
#      with distinct signed requests from shared/bench/gen_guide.py, processing running meanwhile
#      against a local GraphQL stand-in (bench/graphql-standin.js) that knows the generated ids,
#   3. the guide's Express receiver (shared/bench/express-seed) under the same load.
# Then it checks: new acknowledgements <= stored <= new acknowledgements + 2 x 32 (requests still in
# flight when the warm-up and the measured run end are stored but not counted), and reports
# requests/s, p50/p99, commits/s, units per commit, RSS and how long the processing backlog takes to drain.
# DBS chooses the databases, each with a fresh receiver, in this one run: "sqlite" (default),
# "postgres" (a new database scribehook_bench_<pid> on 127.0.0.1:5432, dropped afterwards) or
# "sqlite postgres" to compare them.
# Usage: bench/receiver.sh            (env: N=200000 requests generated, DURATION=10s, CONNS=32, WARMUP=40s, WORKERS=8, DBS=sqlite)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${SHARED:-$root/../shared}
cd "$root"
. bin/jdk.sh
scribehook_require_jdk
N=${N:-200000}; DURATION=${DURATION:-10s}; CONNS=${CONNS:-32}; DBS=${DBS:-sqlite}
SECRET=whsec_bench
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -qq wrk >/dev/null; }
command -v sqlite3 >/dev/null || { echo "installing sqlite3"; apt-get install -y -qq sqlite3 >/dev/null; }
work=$(mktemp -d /tmp/scribehook-bench.XXXXXX)
pids=()
pgdb=scribehook_bench_$$
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $pgdb" postgres >/dev/null 2>&1 || true
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 120); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "not up: $1" >&2; exit 1; }
metric() { curl -fs "http://127.0.0.1:$rport/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
# one number from the receiver's database, whichever it is
q() { if [ "$dbkind" = postgres ]; then psql -h 127.0.0.1 -U postgres -qAtc "$1" "$pgdb"; else sqlite3 "$db" "$1"; fi; }

echo "== generating $N signed requests (guide profile) and $N warm-up requests"
python3 "$shared/bench/gen_guide.py" "$N" "$SECRET" /healthie-webhooks 1 > "$work/reqs.tsv"
python3 "$shared/bench/gen_guide.py" "$N" "$SECRET" /healthie-webhooks $((N + 1)) > "$work/warm.tsv"

gport=$(free_port)
node bench/graphql-standin.js "$gport" 100001 $((2 * N)) & pids+=($!)
echo "== GraphQL stand-in on :$gport knows appointments 100001..$((100000 + 2 * N)); processing runs during the load"

./scribehook --version >/dev/null   # builds the jar when missing or stale
declare -A R

# bench_receiver KIND: starts a receiver on KIND (sqlite|postgres), measures it, stops it; fills R[KIND,...]
bench_receiver() {
  dbkind=$1
  local data="$work/data-$dbkind" url=""
  db="$data/scribehook.db"
  if [ "$dbkind" = postgres ]; then
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $pgdb TEMPLATE template0" postgres
    url="jdbc:postgresql://127.0.0.1:5432/$pgdb?user=postgres"
  fi
  rport=$(free_port)
  SCRIBEHOOK_NO_BUILD=1 SCRIBEHOOK_HTTP_PORT=$rport SCRIBEHOOK_DATA_DIR="$data" SCRIBEHOOK_ROLES=receiver \
    SCRIBEHOOK_DATABASE_URL="$url" SCRIBEHOOK_WEBHOOK_SECRETS=$SECRET SCRIBEHOOK_ADMIN_TOKEN=bench-admin-token-0123456789 \
    SCRIBEHOOK_HEALTHIE_API_URL="http://127.0.0.1:$gport/graphql" SCRIBEHOOK_HEALTHIE_API_KEY=bench SCRIBEHOOK_RECEIVER_WORKERS=${WORKERS:-8} \
    ./scribehook serve > "$work/receiver-$dbkind.out" 2> "$work/receiver-$dbkind.log" & rpid=$!; pids+=($rpid)
  wait_http "http://127.0.0.1:$rport/readyz"
  jpid=$(pgrep -P "$rpid" java || echo "$rpid")
  if [ "$dbkind" = postgres ]; then
    echo "== receiver pid $jpid on :$rport, PostgreSQL $(q 'SHOW server_version') (synchronous_commit $(q 'SHOW synchronous_commit'), fsync $(q 'SHOW fsync'))"
  else
    echo "== receiver pid $jpid on :$rport, SQLite $(sqlite3 "$db" 'PRAGMA journal_mode;') (synchronous=FULL set per connection), JVM: launcher defaults"
  fi

  echo "== /healthz (same JVM, same load)"
  wrk -t1 -c"$CONNS" -d5s "http://127.0.0.1:$rport/healthz" >/dev/null
  R[$dbkind,healthz]=$(wrk -t1 -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:$rport/healthz" | awk '/Requests\/sec/ {print $2}')

  echo "== warm-up: ${WARMUP:-40s}, distinct ids, not counted (on 2 cores C2 still takes a third of the CPU 15 s in)"
  REQS="$work/warm.tsv" wrk -t1 -c"$CONNS" -d"${WARMUP:-40s}" -s bench/receiver.lua "http://127.0.0.1:$rport/healthie-webhooks" | grep COUNTS
  local stored_before c0 u0 t0 t1 out c1 u1 counts stored_after secs d0 left
  stored_before=$(q "SELECT count(*) FROM receiver_webhooks WHERE status NOT IN ('duplicate','rejected')")
  c0=$(metric scribehook_store_commits_total); u0=$(metric scribehook_store_units_committed_total)
  echo "== webhooks on $dbkind: wrk -t1 -c$CONNS -d$DURATION"
  t0=$(date +%s.%N)
  out=$(REQS="$work/reqs.tsv" wrk -t1 -c"$CONNS" -d"$DURATION" --latency -s bench/receiver.lua "http://127.0.0.1:$rport/healthie-webhooks")
  t1=$(date +%s.%N)
  c1=$(metric scribehook_store_commits_total); u1=$(metric scribehook_store_units_committed_total)
  R[$dbkind,rss]=$(( $(awk '/VmHWM/ {print $2}' "/proc/$jpid/status") / 1024 ))
  counts=$(echo "$out" | grep COUNTS)
  R[$dbkind,counts]=$counts
  R[$dbkind,acked]=$(echo "$counts" | sed -n 's/.*acked=\([0-9]*\).*/\1/p')
  stored_after=$(q "SELECT count(*) FROM receiver_webhooks WHERE status NOT IN ('duplicate','rejected')")
  R[$dbkind,stored]=$((stored_after - stored_before))
  R[$dbkind,rps]=$(echo "$counts" | sed -n 's/.*rps=\([0-9.]*\).*/\1/p')
  R[$dbkind,p50]=$(echo "$counts" | sed -n 's/.*p50_us=\([0-9]*\).*/\1/p'); R[$dbkind,p99]=$(echo "$counts" | sed -n 's/.*p99_us=\([0-9]*\).*/\1/p')
  secs=$(echo "$t1 - $t0" | bc -l)
  R[$dbkind,commits]=$(printf '%.0f' "$(echo "($c1 - $c0) / $secs" | bc -l)")
  R[$dbkind,units]=$(printf '%.1f' "$(echo "($u1 - $u0) / ($c1 - $c0)" | bc -l)")

  echo "== draining the processing backlog"
  d0=$(date +%s.%N)
  while :; do
    left=$(q "SELECT count(*) FROM jobs WHERE state IN ('available','running','retryable')" 2>/dev/null || echo 1)
    [ "$left" = 0 ] && break
    sleep 0.5
  done
  R[$dbkind,drain]=$(printf '%.1f' "$(echo "$(date +%s.%N) - $d0" | bc -l)")
  R[$dbkind,processed]=$(q "SELECT count(*) FROM receiver_webhooks WHERE status = 'processed'")
  R[$dbkind,dead]=$(q "SELECT count(*) FROM receiver_webhooks WHERE status IN ('dead','failed')")
  kill "$rpid" 2>/dev/null || true; wait "$rpid" 2>/dev/null || true
}

for kind in $DBS; do bench_receiver "$kind"; done

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
printf '%-34s %10s   (%s)\n' "express-seed requests/s" "$express_rps" "$ecounts"
ok=1
for k in $DBS; do
  echo "-- receiver on $k"
  printf '%-34s %10s\n' "receiver /healthz requests/s" "${R[$k,healthz]}"
  printf '%-34s %10s   (p50 %s us, p99 %s us)\n' "receiver webhooks requests/s" "${R[$k,rps]}" "${R[$k,p50]}" "${R[$k,p99]}"
  printf '%-34s %10.2f   (target >= 2)\n' "receiver / express" "$(echo "${R[$k,rps]} / $express_rps" | bc -l)"
  printf '%-34s %10.2f\n' "receiver / own /healthz" "$(echo "${R[$k,rps]} / ${R[$k,healthz]}" | bc -l)"
  printf '%-34s %10s   (target < 20000)\n' "p99 us" "${R[$k,p99]}"
  printf '%-34s %10s\n' "commits/s during load" "${R[$k,commits]}"
  printf '%-34s %10s\n' "units per commit during load" "${R[$k,units]}"
  printf '%-34s %10d MB   (target < 300)\n' "receiver peak RSS" "${R[$k,rss]}"
  printf '%-34s %s\n' "answers" "${R[$k,counts]}"
  printf '%-34s %s new acknowledgements, %s stored (must be acked <= stored <= acked + %s)\n' "durability check" "${R[$k,acked]}" "${R[$k,stored]}" "$((2 * CONNS))"
  printf '%-34s %s s after the load; %s processed, %s failed or dead in total\n' "backlog drain" "${R[$k,drain]}" "${R[$k,processed]}" "${R[$k,dead]}"
  if [ "${R[$k,acked]}" -le "${R[$k,stored]}" ] && [ "${R[$k,stored]}" -le $((R[$k,acked] + 2 * CONNS)) ]; then echo "durability check: OK"; else echo "durability check: FAILED"; ok=0; fi
done
case " $DBS " in *" sqlite "*" postgres "*|*" postgres "*" sqlite "*)
  printf '%-34s %10.2f   (target >= 0.5)\n' "postgres / sqlite webhooks" "$(echo "${R[postgres,rps]} / ${R[sqlite,rps]}" | bc -l)";;
esac
[ "$ok" = 1 ] || exit 1
