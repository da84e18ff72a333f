#!/usr/bin/env bash
# Queue benchmark (not a test): enqueue + claim + complete with durable commits, on SQLite (a file
# under store/target/bench, WAL + synchronous=FULL) and PostgreSQL (a temporary database on
# 127.0.0.1:5432, created and dropped). Prints jobs/s, commits/s, rows per commit, the settings read
# back and the machine's fsyncs per second.
# Usage: bench/queue.sh [--batch-jobs N] [--single-jobs N] [--sqlite-only|--postgres-only] [--pg-writers N]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/jdk.sh"
scribehook_require_jdk
cd "$root"

bin/mvn -q -pl store -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="store/target/test-classes:store/target/classes:$(cat store/target/bench.classpath)"
mkdir -p store/target/bench
echo "filesystem: $(df -hT store/target/bench | awk 'NR==2 {print $1, $2, $7}')"
exec "$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$cp" io.scribehook.store.bench.QueueBench --dir store/target/bench "$@"
