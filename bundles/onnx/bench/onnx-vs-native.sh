#!/usr/bin/env bash
# Optical-model speed of a Ductus CTC model and its ONNX export (onnxruntime), one line at a time, same lines.
#   bundles/onnx/bench/onnx-vs-native.sh [--model runtime/models/crnn-cursive.model] [--lines 60] [--rounds 5] [--threads 2]
set -euo pipefail
module=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$module/../.." && pwd)
threads=2
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=$2; args+=("$1" "$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
flock /tmp/ductus-mvn.lock mvn -B -q -o -f "$module/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.outputFile="$module/target/bench.cp" -Dmdep.includeScope=test >/dev/null
export OMP_NUM_THREADS=$threads
cd "$root"
exec java -Xmx1g -Djava.awt.headless=true -Dorg.bytedeco.javacpp.cachedir="$HOME/.cache/ductus/javacpp" -Dductus.nn.threads="$threads" \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.cp")" \
  dev.ductus.onnx.bench.OnnxSpeedBenchmark ${args[@]+"${args[@]}"}
