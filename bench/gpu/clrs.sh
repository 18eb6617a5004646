#!/usr/bin/env bash
# The full-size CLRS recipe on a lent GPU: pipelines/clrs-hint-relic.sh at the benchmark's budget (10 000 batches of
# 32, hidden 128) on the WebGPU provider, with causal, node and onnxruntime from bench/gpu/carry/ (prepare.sh).
# Run from the repository root of the device's copy of the tree; every pipeline variable still applies, so a short
# lease can take a slice (ALGORITHMS="bfs" SEEDS="1" STEPS=2000) and a later one resumes in the same OUT.
#   bash bench/gpu/clrs.sh [OUT]     (OUT default $OUT/clrs-hint-relic when the device sets $OUT, else out/...)
# The table goes to OUT/table.md; copy it to bench/results/ by hand with the device named beside it.
set -euo pipefail
cd "$(dirname "$0")"
source ./unpack.sh
cd ../..
# The device's copy of the tree has neither dist/ nor node_modules/ (both ignored): link the carried ones for the
# run and take the links away after it; a checkout that has its own keeps them.
links=()
for d in dist node_modules; do
  [[ -e $d ]] || { ln -s "$W/$d" "$d" && links+=("$d"); }
done
trap 'rm -f "${links[@]}"; rm -rf "$W"' EXIT
out=${1:-${OUT:-out}/clrs-hint-relic}
STEPS=${STEPS:-10000} HIDDEN=${HIDDEN:-128} BATCH=${BATCH:-32} DEVICE=${DEVICE:-webgpu} THREADS=${THREADS:-$(nproc)} \
  bash pipelines/clrs-hint-relic.sh "$out" "$out/table.md"
