#!/usr/bin/env bash
# MDLSTM-CTC speed, Ductus against the PyTorch anti-diagonal MDLSTM beside this script (mdlstm_bench.py), in
# one run: forward and forward+backward time per line at height 48, GFLOP/s against the GEMM peak measured in
# the same run, inference lines/s, per-layer times. Needs: apt-get install -y python3-torch libopenblas0-pthread
#   bundles/ctc/bench/mdlstm-vs-pytorch.sh [--threads 2] [--rounds 2] [--width 432] [--batch 16] [--no-torch]
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
if [ "${DUCTUS_BENCH_NO_BUILD:-}" != 1 ]; then
  flock /tmp/ductus-mvn.lock mvn -B -q -o -f "$module/pom.xml" test-compile dependency:build-classpath \
    -Dmdep.outputFile="$module/target/bench.cp" -Dmdep.includeScope=test >/dev/null
fi
export OMP_NUM_THREADS=$threads
exec java -Xmx3g -Dorg.bytedeco.javacpp.cachedir="${DUCTUS_JAVACPP:-$HOME/.cache/ductus/javacpp}" -Dductus.nn.threads="$threads" \
  -Dductus.bench.dir="$module/bench" \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.cp")" \
  dev.ductus.ctc.bench.MdlstmSpeedBenchmark --threads "$threads" ${args[@]+"${args[@]}"}
