#!/usr/bin/env bash
# Train and evaluate a CTC system on an embedded dataset outside OSGi (test-scope main CtcExperiment):
#   bundles/ctc/bench/experiment.sh system=crnn data=cursive epochs=20 [key=value ...]
set -euo pipefail
module=$(cd "$(dirname "$0")/.." && pwd)
flock /tmp/ductus-mvn.lock mvn -B -q -o -f "$module/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.outputFile="$module/target/bench.cp" -Dmdep.includeScope=test >/dev/null
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
exec java -Xmx3g -Dorg.bytedeco.javacpp.cachedir="$HOME/.cache/ductus/javacpp" \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.cp")" \
  dev.ductus.ctc.experiment.CtcExperiment "$@"
