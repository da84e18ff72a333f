#!/usr/bin/env bash
# Notes benchmark (not a test): quality and speed of the scribe pipeline.
#
#   bench/notes.sh [SPLIT...] [-v]   draft a note for every ACI-BENCH encounter of each split (default
#                                    valid) and score it against the reference note: ROUGE-1/2/L F1,
#                                    averaged over encounters (-v: per encounter too). The writer is
#                                    offline unless SCRIBEHOOK_LLM_BASE_URL is set and WRITER=llm.
#   bench/notes.sh speed [FILE] [RUNS]
#                                    the offline pipeline (parse, analyse, draft) on a transcript
#                                    (default: the 60-minute fixture), median and p95 of RUNS (50)
#                                    after a 10 s warm-up.
#   bench/notes.sh likeness          recount the writer's word table from the train split (the only
#                                    split it may learn from) into scribe's resources.
#
# ACI-BENCH is read from $ACI_BENCH, else ../shared/data/aci-bench from the project root. A held-out
# split (the corpus's test1/test2/test3, same CSV columns) can be scored by putting its
# <split>.csv and <split>_metadata.csv in that directory: bench/notes.sh test1.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/jdk.sh"
scribehook_require_jdk
cd "$root"
data=${ACI_BENCH:-$root/../shared/data/aci-bench}

bin/mvn -q -pl scribe -am compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
cp="scribe/target/classes:$(cat scribe/target/bench.classpath)"
run() { "$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" io.scribehook.scribe.bench.NotesBenchmark "$@"; }

case "${1:-}" in
  speed)
    run speed "${2:-scribe/src/test/resources/vtt/visit-60min.vtt}" "${3:-50}" ;;
  likeness)
    run likeness "$data" scribe/src/main/resources/io/scribehook/scribe/writer/note-likeness.tsv ;;
  *)
    if [ $# -eq 0 ] || [ "$1" = -v ]; then set -- valid "$@"; fi
    for split in "$@"; do
      case "$split" in -*) continue ;; esac
      [ -f "$data/$split.csv" ] || { echo "bench/notes.sh: no $data/$split.csv (set ACI_BENCH=DIR)" >&2; exit 2; }
    done
    run score "$data" "$@" ;;
esac
