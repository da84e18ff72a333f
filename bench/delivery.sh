#!/usr/bin/env bash
# Delivery benchmark (not a test). Prints:
#   1. the sink's own rate under wrk (Jetty answering 200 at once; must be >= 2x the raw client rate),
#   2. per database: the raw rate of the delivery HTTP client posting the same bodies to the same sink,
#      the engine's deliveries/s for a backlog (healthie-rfc9421 signing, attempt log, durable queue),
#      and the event-to-delivery latency at a steady event rate (each event its own transaction).
# Usage: bench/delivery.sh   env: DBS="sqlite postgres" EVENTS=20000 CONNS=64 SECONDS_=10 RATE=500
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/jdk.sh"
scribehook_require_jdk
cd "$root"
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -qq wrk >/dev/null; }

bin/mvn -q -pl delivery -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="delivery/target/test-classes:delivery/target/classes:$(cat delivery/target/bench.classpath)"
java=("$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$cp")
mkdir -p delivery/target/bench
work=$(mktemp -d)
trap 'kill $sink_pid 2>/dev/null || true; rm -rf "$work"' EXIT

"${java[@]}" io.scribehook.delivery.bench.BenchSink > "$work/sink.out" &
sink_pid=$!
for _ in $(seq 100); do grep -q SINK_PORT "$work/sink.out" && break; sleep 0.1; done
port=$(sed -n 's/SINK_PORT=//p' "$work/sink.out")
cat > "$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"resource_id":"100001","resource_id_type":"Appointment","event_type":"appointment.created","changed_fields":[]}'
wrk.headers["Content-Type"] = "application/json"
LUA
wrk -t1 -c"${CONNS:-64}" -d3s -s "$work/post.lua" "http://127.0.0.1:$port/hooks" >/dev/null
echo "sink under wrk: $(wrk -t1 -c"${CONNS:-64}" -d"${SECONDS_:-10}s" -s "$work/post.lua" "http://127.0.0.1:$port/hooks" | awk '/Requests\/sec/ {print $2}') requests/s"
kill $sink_pid; wait $sink_pid 2>/dev/null || true

for db in ${DBS:-sqlite postgres}; do
  if [ "$db" = sqlite ]; then args=(sqlite delivery/target/bench); else args=(postgres); fi
  "${java[@]}" io.scribehook.delivery.bench.DeliveryBench "${args[@]}" \
    events="${EVENTS:-20000}" conns="${CONNS:-64}" seconds="${SECONDS_:-10}" rate="${RATE:-500}"
done
