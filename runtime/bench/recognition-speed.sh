#!/bin/sh
# Recognition speed where users feel it (issue 15): every cursive pipeline through the assembled runtime, end to end
# (image file in, text out: loading, preprocessing, model, decoder and LM included), on the same test lines, and
# Tesseract 5 on the same lines with its default threads and with OMP_THREAD_LIMIT=1. Prints lines/s, the ratio to
# Tesseract (both settings), CER and peak memory per pipeline, from `ductus compare` (which measures them).
#
#   runtime/bench/recognition-speed.sh            # 200 lines, 2 threads; LINES=50 THREADS=1 for a quick look
#
# Needs the built distribution (mvn install) and tesseract-ocr on the PATH for the peer rows.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
ductus="$root/runtime/target/ductus/bin/ductus"
lines=${LINES:-200}
threads=${THREADS:-2}
out=${OUT:-$root/runtime/target/bench}
mkdir -p "$out"
[ -x "$ductus" ] || { echo "build the distribution first: mvn -B -ntp -DskipTests install" >&2; exit 2; }

echo "== all cursive pipelines and Tesseract (default threads), $lines test lines, $threads threads" >&2
"$ductus" compare --data cursive --pipelines all --limit "$lines" --threads "$threads" --warmup 5 --wait 120 \
    --tsv "$out/pipelines.tsv" --report "$out/pipelines.html" >&2
if command -v tesseract >/dev/null 2>&1; then
    echo "== Tesseract with OMP_THREAD_LIMIT=1" >&2
    OMP_THREAD_LIMIT=1 "$ductus" compare --data cursive --pipelines tesseract --limit "$lines" --threads "$threads" \
        --warmup 5 --wait 120 --tsv "$out/tesseract-omp1.tsv" >&2
fi

# system, CER %, lines/s, peak MB are columns 1, 2, 5, 7 of the comparison table
awk -F'\t' -v omp1="$out/tesseract-omp1.tsv" '
    BEGIN {
        t1 = 0
        while ((getline row < omp1) > 0) { split(row, f, "\t"); if (f[1] == "tesseract") t1 = f[5] }
    }
    FNR == 1 { next }
    { sys[NR] = $1; cer[NR] = $2; lps[NR] = $5; mb[NR] = $7; if ($1 == "tesseract") t = $5; n = NR }
    END {
        printf "%-22s %8s %10s %14s %14s %9s\n", "pipeline", "CER %", "lines/s", "x tesseract", "x tess OMP=1", "peak MB"
        for (i = 2; i <= n; i++) {
            printf "%-22s %8.2f %10.2f %14s %14s %9.0f\n", sys[i], cer[i], lps[i],
                (t > 0 ? sprintf("%.2f", lps[i] / t) : "-"), (t1 > 0 ? sprintf("%.2f", lps[i] / t1) : "-"), mb[i]
        }
        if (t1 > 0 && t > 0) printf "%-22s %8s %10.2f %14s %14s %9s\n", "tesseract OMP=1", "", t1, sprintf("%.2f", t1 / t), "1.00", ""
    }' "$out/pipelines.tsv"
