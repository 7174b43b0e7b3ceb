#!/usr/bin/env bash
# CRNN speed, Ductus against the PyTorch peer (/work/shared/peers/crnn_bench.py), in one run on this machine:
# training step time and inference lines/s at batch 1 and 16 for both, ours/PyTorch ratios, and our time per
# layer. Needs: apt-get install -y python3-torch libopenblas0-pthread
#   bundles/ctc/bench/crnn-vs-pytorch.sh [--threads 2] [--rounds 2] [--no-torch]
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
exec java -Xmx2g -Dorg.bytedeco.javacpp.cachedir="$HOME/.cache/ductus/javacpp" -Dductus.nn.threads="$threads" \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.cp")" \
  dev.ductus.ctc.bench.CrnnSpeedBenchmark --threads "$threads" ${args[@]+"${args[@]}"}
