#!/usr/bin/env bash
# Train and evaluate MDLSTM-CTC on an embedded dataset outside OSGi (test-scope main MdlstmExperiment); a killed
# run resumes from the checkpoint beside the model:
#   bundles/ctc/bench/mdlstm-experiment.sh data=cursive|digits out=DIR epochs=20 [key=value ...]
# DUCTUS_BENCH_CLASSES=DIR runs a frozen copy of target/classes and target/test-classes (DIR/classes,
# DIR/test-classes), so rebuilding the module does not change a long run's code under it.
set -euo pipefail
module=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${DUCTUS_BENCH_CLASSES:-}" ]; then
  flock /tmp/ductus-mvn.lock mvn -B -q -o -f "$module/pom.xml" test-compile dependency:build-classpath \
    -Dmdep.outputFile="$module/target/bench.cp" -Dmdep.includeScope=test >/dev/null
  classes="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.cp")"
else
  classes="$DUCTUS_BENCH_CLASSES/test-classes:$DUCTUS_BENCH_CLASSES/classes:$(cat "$DUCTUS_BENCH_CLASSES/bench.cp")"
fi
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
exec java -Xmx3g -Dorg.bytedeco.javacpp.cachedir="$HOME/.cache/ductus/javacpp" -cp "$classes" \
  dev.ductus.ctc.experiment.MdlstmExperiment "$@"
