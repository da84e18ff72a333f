#!/usr/bin/env bash
# Scribe benchmark (not a test). Prints:
#   1. pipeline: the transcript job on the 60-minute visit as the app runs it (GraphQL fetch and download
#      from the local stand-in, parse, analyse, draft, encrypted database write, search index refresh
#      making it searchable), median and p95 over RUNS after WARMUP runs;
#   2. search: TRANSCRIPTS distinct generated transcripts of 10-60 minutes stored encrypted, the index
#      rebuilt from the database, then QUERIES queries sampled from the corpus (50% one term, 30% two
#      terms ANDed, 20% phrases), top 10 with highlighted snippets: p50 and p99.
# Usage: bench/scribe.sh [pipeline|search|all]
#   env: DB=sqlite|postgres RUNS=50 WARMUP=10 TRANSCRIPTS=10000 QUERIES=1000 SEED=42
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/jdk.sh"
scribehook_require_jdk
cd "$root"

bin/mvn -q -pl receiver -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="$root/receiver/target/test-classes:$root/receiver/target/classes:$(cat receiver/target/bench.classpath)"
echo "machine: $(nproc) cores; $(uptime | sed 's/.*load average/load average/')"
cd receiver   # the fixtures' paths are relative to the module
"$JAVA_HOME/bin/java" -Xmx2g ${JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -cp "$cp" \
  io.scribehook.receiver.scribe.ScribeBench "${1:-all}" db="${DB:-sqlite}" runs="${RUNS:-50}" \
  warmup="${WARMUP:-10}" transcripts="${TRANSCRIPTS:-10000}" queries="${QUERIES:-1000}" seed="${SEED:-42}"
echo "machine after: $(uptime | sed 's/.*load average/load average/')"
rm -rf target/bench/scribe-*
