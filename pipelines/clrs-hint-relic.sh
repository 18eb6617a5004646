#!/usr/bin/env bash
# Hint-ReLIC against its own baseline on CLRS-30 (docs/clrs-model.md "Hint-ReLIC"; method note hint-relic-clrs.md
# §1.6, §3.1, §4.5): for each algorithm and seed, the supervised Triplet-GMPNN and the same network trained with
# --objective hint-relic, on the same budget (batches sampled on the fly at n = 4, 7, 11, 13, 16 from the same seed),
# both scored out of distribution at n = 64 on the benchmark's test split (`causal clrs sample --split test`: seed 3,
# 32 samples for these algorithms). Writes every model and eval JSON under OUT, then the table to TABLE, with the
# published Triplet-GMPNN numbers beside ours.
#
# Usage: pipelines/clrs-hint-relic.sh [OUT] [TABLE]
#   OUT    default out/clrs-hint-relic; a finished step (its output exists) is skipped on a rerun
#   TABLE  default bench/results/clrs-hint-relic.md
# Environment:
#   ALGORITHMS  default "insertion_sort bubble_sort heapsort bfs dfs dijkstra mst_prim"; an entry ALG:S trains ALG
#               for S batches instead of STEPS (a batch costs one update per hint step, so bubble sort's 121-step
#               trajectories make its batches ~7x dearer than insertion sort's at n = 16)
#   SEEDS       default "1 2 3"
#   STEPS       batches per run, default 10000 (the benchmark's; hours to days per run on a small CPU)
#   HIDDEN      default 128
#   BATCH       default 32
#   TEST_COUNT  test samples per algorithm, default the benchmark's (--split test)
#   THREADS     default 2; DEVICE default cpu
#   RELIC_ARGS  extra flags for the Hint-ReLIC runs, e.g. "--hint-relic-weight 1 --temperature 0.5"
#   TEACHER_FORCING  --teacher-forcing for both arms, default 0.5, the CLI default (docs/clrs-model.md "Teacher forcing")
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/clrs-hint-relic}
table=${2:-bench/results/clrs-hint-relic.md}
read -r -a algorithms <<< "${ALGORITHMS:-insertion_sort bubble_sort heapsort bfs dfs dijkstra mst_prim}"
read -r -a seeds <<< "${SEEDS:-1 2 3}"
read -r -a relic_args <<< "${RELIC_ARGS:-}"
steps=${STEPS:-10000}
hidden=${HIDDEN:-128}
batch=${BATCH:-32}
teacher_forcing=${TEACHER_FORCING:-0.5}
threads=${THREADS:-2}
device=${DEVICE:-cpu}
count=()
[[ -n "${TEST_COUNT:-}" ]] && count=(--count "$TEST_COUNT")
mkdir -p "$out"
# A step that fails leaves no half-written result behind: every result is written to NAME.tmp<pid>, then renamed;
# the pid keeps the cleanup of one run from deleting the files of another writing to the same OUT.
trap 'find "$out" -name "*.tmp$$" -type f -delete; rm -f "$table.tmp$$"' EXIT
causal() { node bin/causal.js "$@"; }
started=$SECONDS

# run ALG STEPS NAME SEED ARGS...: one training run into out/ALG/NAME-SEED and its OOD evaluation (eval.json).
run() {
  local alg=$1 steps=$2 name=$3 seed=$4 dir
  shift 4
  dir=$out/$alg/$name-$seed
  if [[ ! -s $dir/model.json ]]; then
    rm -rf "$dir"
    causal train --task clrs --algorithm "$alg" --steps "$steps" --clrs-hidden "$hidden" --batch-size "$batch" \
      --teacher-forcing "$teacher_forcing" --seed "$seed" --threads "$threads" --device "$device" "$@" -o "$dir" -q
  fi
  if [[ ! -s $dir/eval.json ]]; then
    causal eval --task clrs --model "$dir" "$out/$alg/test.arrow" --threads "$threads" --device "$device" --json -q > "$dir/eval.json.tmp$$"
    mv "$dir/eval.json.tmp$$" "$dir/eval.json"
  fi
}

for entry in "${algorithms[@]}"; do
  alg=${entry%%:*} alg_steps=$steps
  [[ $entry == *:* ]] && alg_steps=${entry#*:}
  mkdir -p "$out/$alg"
  if [[ ! -s $out/$alg/test.arrow ]]; then
    causal clrs sample --algorithm "$alg" --split test "${count[@]}" -q > "$out/$alg/test.arrow.tmp$$"
    mv "$out/$alg/test.arrow.tmp$$" "$out/$alg/test.arrow"
  fi
  for seed in "${seeds[@]}"; do
    run "$alg" "$alg_steps" baseline "$seed"
    run "$alg" "$alg_steps" hint-relic "$seed" --objective hint-relic "${relic_args[@]}"
  done
done

node bench/lib/clrs-table.mjs "$out" > "$table.tmp$$"
mv "$table.tmp$$" "$table"
cat "$table" >&2
echo "clrs-hint-relic: ${#algorithms[@]} algorithms x ${#seeds[@]} seeds x 2 objectives in $((SECONDS - started)) s; table in $table" >&2
