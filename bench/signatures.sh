#!/usr/bin/env bash
# JMH benchmarks of the signatures module (never part of `bin/mvn verify`).
# Usage: bench/signatures.sh [JMH options]   (default: -f 1 -wi 4 -i 3 -w 2s -r 3s -jvmArgsAppend -Xbatch)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/jdk.sh"
scribehook_require_jdk
scribehook_require_maven
cd "$root"
mvn -B -ntp -q -pl signatures-bench -am -Pbench package -DskipTests
if [ $# -eq 0 ]; then
  set -- -f 1 -wi 4 -i 3 -w 2s -r 3s -jvmArgsAppend -Xbatch
fi
exec "$JAVA_HOME/bin/java" -jar signatures-bench/target/signatures-benchmarks.jar "$@"
