#!/usr/bin/env bash
# The captioner on real scene pairs (docs/vlm.md, method note synth2.md §6): the scene world (`causal make-scenes`:
# train, held-in test and held-out-composition splits), a VQ tokenizer trained on the train images only, every image
# tokenized, then for each seed a captioner trained on all real train pairs and scored with CIDEr-D, BLEU and
# ROUGE-L on the test and heldout scenes (greedy and beam decoding). Writes the models, captions and metrics under
# OUT, the table to TABLE, and beside it the tokenizer's reconstructions and an HTML report of held-out captions.
#
# Usage: pipelines/synth2-captioner.sh [OUT] [TABLE]
#   OUT    default out/synth2-captioner; a finished step (its output exists) is skipped on a rerun
#   TABLE  default bench/results/synth2-captioner.md
# Environment:
#   TRAIN_COUNT 5000, TEST_COUNT 500 (test and heldout each), SCENE_SEED 1
#   VQ_STEPS 3000, VLM_EPOCHS 30, SEEDS "1 2 3", BEAM 3, THREADS 2, DEVICE cpu
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/synth2-captioner}
table=${2:-bench/results/synth2-captioner.md}
read -r -a seeds <<< "${SEEDS:-1 2 3}"
train_count=${TRAIN_COUNT:-5000}
test_count=${TEST_COUNT:-500}
scene_seed=${SCENE_SEED:-1}
vq_steps=${VQ_STEPS:-3000}
epochs=${VLM_EPOCHS:-30}
beam=${BEAM:-3}
threads=${THREADS:-2}
device=${DEVICE:-cpu}
results=$(dirname "$table")
mkdir -p "$out" "$results"
# A step that fails leaves no half-written result behind: every result is written to NAME.tmp<pid>, then renamed;
# the pid keeps the cleanup of one run from deleting the files of another writing to the same OUT.
trap 'find "$out" -name "*.tmp$$" -type f -delete; rm -f "$table.tmp$$"' EXIT
causal() { node bin/causal.js "$@"; }
# timed FILE CMD...: runs CMD and records its wall seconds in FILE
timed() {
  local file=$1 t0=$SECONDS
  shift
  "$@"
  echo $((SECONDS - t0)) > "$file"
}
started=$SECONDS

for split in train test heldout; do
  count=$test_count
  [[ $split == train ]] && count=$train_count
  if [[ ! -s $out/$split.arrow ]]; then
    causal make-scenes --split "$split" --count "$count" --seed "$scene_seed" -q -o "$out/$split.arrow"
  fi
done

if [[ ! -s $out/vq/model.json ]]; then
  rm -rf "$out/vq"
  timed "$out/vq.seconds.tmp$$" causal train --task vq "$out/train.arrow" --eval "$out/test.arrow" --steps "$vq_steps" \
    --seed "$scene_seed" --threads "$threads" --device "$device" -q -o "$out/vq"
  mv "$out/vq.seconds.tmp$$" "$out/vq.seconds"
fi
for split in train test heldout; do
  if [[ ! -s $out/$split-tokens.arrow ]]; then
    plot=()
    [[ $split == heldout ]] && plot=(--plot "$results/synth2-vq-reconstructions.png")
    causal embed-images --model "$out/vq" "$out/$split.arrow" "${plot[@]}" --threads "$threads" -q -o "$out/$split-tokens.arrow"
  fi
done

for seed in "${seeds[@]}"; do
  dir=$out/vlm-$seed
  if [[ ! -s $dir/model.json ]]; then
    rm -rf "$dir"
    timed "$out/vlm-$seed.seconds.tmp$$" causal train-vlm "$out/train-tokens.arrow" --epochs "$epochs" --seed "$seed" \
      --threads "$threads" --device "$device" -q -o "$dir"
    mv "$out/vlm-$seed.seconds.tmp$$" "$out/vlm-$seed.seconds"
  fi
  for split in test heldout; do
    for b in 1 "$beam"; do
      name=$split-beam$b
      if [[ ! -s $dir/$name.json ]]; then
        report=()
        [[ $split == heldout && $b == "$beam" && $seed == "${seeds[0]}" ]] && report=(--report "$results/synth2-captions-heldout.html")
        causal caption --model "$dir" "$out/$split-tokens.arrow" --beam "$b" "${report[@]}" --threads "$threads" -q \
          -o "$dir/$name.arrow"
        causal eval --metric cider,bleu,rouge "$dir/$name.arrow" --json -q > "$dir/$name.json.tmp$$"
        mv "$dir/$name.json.tmp$$" "$dir/$name.json"
      fi
    done
  done
done

node bench/lib/synth2-captioner-table.mjs "$out" "$beam" "${seeds[@]}" > "$table.tmp$$"
mv "$table.tmp$$" "$table"
cat "$table" >&2
echo "synth2-captioner: ${#seeds[@]} seeds in $((SECONDS - started)) s; table in $table" >&2
