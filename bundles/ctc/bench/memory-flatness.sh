#!/usr/bin/env bash
# Training memory flatness: 2,000 CRNN training steps, RSS at the start and the end (growth < 5 %).
#   bundles/ctc/bench/memory-flatness.sh [--steps 2000]
set -euo pipefail
module=$(cd "$(dirname "$0")/.." && pwd)
threads=2
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
flock /tmp/ductus-mvn.lock mvn -B -q -o -f "$module/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.outputFile="$module/target/bench.cp" -Dmdep.includeScope=test >/dev/null
export OMP_NUM_THREADS=$threads
exec java -Xms768m -Xmx768m -XX:+AlwaysPreTouch -Dorg.bytedeco.javacpp.cachedir="$HOME/.cache/ductus/javacpp" -Dductus.nn.threads="$threads" \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.cp")" \
  dev.ductus.ctc.bench.MemoryFlatnessBenchmark ${args[@]+"${args[@]}"}
