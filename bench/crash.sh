#!/usr/bin/env bash
# Crash check (not a test): kill -9 the receiver under load, CYCLES times, on one database, and
# check after each cycle that every acknowledged webhook is stored (acknowledged <= newly stored).
# Usage: bench/crash.sh   (env: DB=postgres|sqlite, CYCLES=8, CONNS=32, N=100000)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${SHARED:-$root/../shared}
cd "$root"
. bin/jdk.sh
scribehook_require_jdk
DB=${DB:-postgres}; CYCLES=${CYCLES:-8}; CONNS=${CONNS:-32}; N=${N:-100000}; SECRET=whsec_bench
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -qq wrk >/dev/null; }
command -v sqlite3 >/dev/null || { echo "installing sqlite3"; apt-get install -y -qq sqlite3 >/dev/null; }
work=$(mktemp -d /tmp/scribehook-crash.XXXXXX)
pgdb=scribehook_crash_$$
rpid=""
cleanup() {
  [ -n "$rpid" ] && kill -9 "$rpid" 2>/dev/null || true
  wait 2>/dev/null || true
  [ "$DB" = postgres ] && psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $pgdb" postgres >/dev/null 2>&1 || true
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
url=""
if [ "$DB" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $pgdb TEMPLATE template0" postgres
  url="jdbc:postgresql://127.0.0.1:5432/$pgdb?user=postgres"
fi
q() { if [ "$DB" = postgres ]; then psql -h 127.0.0.1 -U postgres -qAtc "$1" "$pgdb"; else sqlite3 "$work/data/scribehook.db" "$1"; fi; }
python3 "$shared/bench/gen_guide.py" "$((N * CYCLES))" "$SECRET" /healthie-webhooks 1 > "$work/all.tsv"
./scribehook --version >/dev/null
lost=0
for c in $(seq 1 "$CYCLES"); do
  sed -n "$(( (c - 1) * N + 1 )),$(( c * N ))p" "$work/all.tsv" > "$work/reqs.tsv"
  port=$(free_port)
  # no Healthie API: only intake is measured; the processing jobs wait
  SCRIBEHOOK_NO_BUILD=1 SCRIBEHOOK_HTTP_PORT=$port SCRIBEHOOK_DATA_DIR="$work/data" SCRIBEHOOK_ROLES=receiver \
    SCRIBEHOOK_DATABASE_URL="$url" SCRIBEHOOK_WEBHOOK_SECRETS=$SECRET SCRIBEHOOK_ADMIN_TOKEN=crash-admin-token-0123456789 \
    ./scribehook serve > "$work/out-$c" 2> "$work/log-$c" & launcher=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
  rpid=$(pgrep -P "$launcher" java || echo "$launcher")
  before=$(q "SELECT count(*) FROM receiver_webhooks WHERE status NOT IN ('duplicate','rejected')")
  REQS="$work/reqs.tsv" wrk -t1 -c"$CONNS" -d8s -s bench/receiver.lua "http://127.0.0.1:$port/healthie-webhooks" > "$work/wrk-$c" 2>&1 &
  wrkpid=$!
  sleep "$(python3 -c 'import random; print(round(random.uniform(2, 5), 2))')"
  kill -9 "$rpid"; wait "$launcher" 2>/dev/null || true; rpid=""
  wait "$wrkpid" || true
  acked=$(sed -n 's/.*acked=\([0-9]*\).*/\1/p' "$work/wrk-$c")
  after=$(q "SELECT count(*) FROM receiver_webhooks WHERE status NOT IN ('duplicate','rejected')")
  stored=$((after - before))
  verdict=OK; [ "$acked" -le "$stored" ] || { verdict=LOST; lost=1; }
  printf 'cycle %d (%s): killed under load; %d acknowledged, %d stored: %s\n' "$c" "$DB" "$acked" "$stored" "$verdict"
done
[ "$lost" = 0 ] && echo "no acknowledged webhook lost in $CYCLES kill -9 cycles" || { echo "acknowledged webhooks were lost"; exit 1; }
