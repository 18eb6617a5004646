#!/usr/bin/env bash
# The representation-learning comparison on Fashion-MNIST (docs/ssl.md): SimCLR, ReLIC, ReLICv2 and SemPPL
# pretrained with the same encoder and budget, probed with a linear probe and k-NN at 1% and 10% labels
# (3 labelled-subset seeds each), against supervised training on the labelled subset only, and SemPPL fine-tuned on
# its labelled subset (--init); plus the ablations
# ReLIC without its KL term and SemPPL without semantic positives, and SemPPL's pseudo-label accuracy and
# calibration. Writes every model, embedding and JSON result under OUT, then the table to TABLE.
#
# Usage: pipelines/ssl-fashion-mnist.sh [OUT] [TABLE]
#   OUT    default out/ssl-fashion-mnist; a finished step (its output exists) is skipped on a rerun
#   TABLE  default bench/results/ssl-fashion-mnist.md
# Environment: DATA (IDX folder; default Debian's dataset-fashion-mnist; DATA=fixtures/fashion-mnist for a quick
#   check on the bundled subset), EPOCHS (3), WIDTHS (cnn channels, 16,32), SEED (1), THREADS (2), ALL_LABELS (the
#   representations that also get the every-label linear probe, each a 10-20 min fit on 2 cores; default
#   "simclr relic relic-no-kl relicv2 pixels", empty for none).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/ssl-fashion-mnist}
table=${2:-bench/results/ssl-fashion-mnist.md}
epochs=${EPOCHS:-3}
widths=${WIDTHS:-16,32}
seed=${SEED:-1}
threads=${THREADS:-2}
fractions=(0.01 0.1)
mkdir -p "$out"
# A step that fails leaves no half-written result behind: every result is written to NAME.tmp<pid>, then renamed;
# the pid keeps the cleanup of one run from deleting the files of another writing to the same OUT.
trap 'find "$out" -name "*.tmp$$" -type f -delete; rm -f "$table.tmp$$"' EXIT
causal() { node bin/causal.js "$@"; }
data=()
[[ -n "${DATA:-}" ]] && data=(--dir "$DATA")

[[ -s $out/train.arrow ]] || causal import fashion-mnist "${data[@]}" -o "$out/train.arrow"
[[ -s $out/test.arrow ]] || causal import fashion-mnist "${data[@]}" --split test -o "$out/test.arrow"
rows=$(node -e "const {tableFromIPC}=require('apache-arrow');console.log(tableFromIPC(require('fs').readFileSync('$out/train.arrow')).numRows)")
# Every row trains for the same number of steps: the SSL runs' epochs over the whole training set.
steps=$((epochs * (rows / 128)))
common=(--model cnn --widths "$widths" --batch-size 128 --steps "$steps" --seed "$seed" --threads "$threads")

# train NAME ARGS...: one training run into out/NAME, timed (model.json keeps the seconds).
train() {
  local name=$1
  shift
  [[ -s $out/$name/model.json ]] && return
  rm -rf "${out:?}/$name"
  causal train "$out/train.arrow" "${common[@]}" "$@" -o "$out/$name"
}

# probes DIR TRAIN TEST [ARGS...]: linear and k-NN probes at each label fraction (3 subset seeds) into
# DIR/probe-F.json; with ALL=1, the linear probe fitted on every label instead (one fit, DIR/probe-1.json; slow: a
# full-batch L-BFGS over 60 000 rows, so the pipeline runs these last).
probes() {
  local dir=$1 train=$2 test=$3 f probe seeds
  shift 3
  local list=("${fractions[@]}")
  [[ ${ALL:-0} == 1 ]] && list=(1)
  for f in "${list[@]}"; do
    [[ -s $dir/probe-$f.json ]] && continue
    if [[ $f == 1 ]]; then probe=linear seeds=1; else probe=linear,knn seeds=1,2,3; fi
    causal eval --probe "$probe" "$train" --test "$test" --labels-fraction "$f" --seeds "$seeds" --threads "$threads" --json "$@" > "$dir/probe-$f.json.tmp$$"
    mv "$dir/probe-$f.json.tmp$$" "$dir/probe-$f.json"
  done
}

# probe NAME: embeddings of both splits with the model in out/NAME, then its probes.
probe() {
  local name=$1 split
  for split in train test; do
    [[ -s $out/$name/$split-emb.arrow ]] || causal embed --model "$out/$name" "$out/$split.arrow" --threads "$threads" -o "$out/$name/$split-emb.arrow"
  done
  probes "$out/$name" "$out/$name/train-emb.arrow" "$out/$name/test-emb.arrow"
}

# score NAME: the classifier in out/NAME on the test set, into out/NAME/eval.json.
score() {
  [[ -s $out/$1/eval.json ]] && return
  causal eval --model "$out/$1" "$out/test.arrow" --threads "$threads" --json > "$out/$1/eval.json.tmp$$"
  mv "$out/$1/eval.json.tmp$$" "$out/$1/eval.json"
}

for objective in simclr relic relicv2; do
  train "$objective" --objective "$objective"
  probe "$objective"
done
train relic-no-kl --objective relic --invariance-weight 0
probe relic-no-kl

for f in "${fractions[@]}"; do
  train "semppl-$f" --objective semppl --labels-fraction "$f" --labels-seed 1
  probe "semppl-$f"
  [[ -s $out/semppl-$f/pseudo-label.json ]] || causal pseudo-label "$out/semppl-$f/train-emb.arrow" --labels-fraction "$f" --seed 1 \
    --threads "$threads" --json > "$out/semppl-$f/pseudo-label.json.tmp$$"
  [[ -s $out/semppl-$f/pseudo-label.json ]] || mv "$out/semppl-$f/pseudo-label.json.tmp$$" "$out/semppl-$f/pseudo-label.json"
done
train semppl-no-sem-0.01 --objective semppl --labels-fraction 0.01 --labels-seed 1 --semantic-weight 0
probe semppl-no-sem-0.01

# SemPPL's own protocol: every weight fine-tuned on the labelled subset it was pretrained with (subset seed 1; another
# subset would add labels it never had), 3 training seeds, scored on the test set like the supervised runs.
for f in "${fractions[@]}"; do
  for s in 1 2 3; do
    name=semppl-$f-tuned-$s
    train "$name" --objective supervised --labels-fraction "$f" --labels-seed 1 --init "$out/semppl-$f" --seed "$s"
    score "$name"
  done
done

# Supervised on the labelled subset only, one run per fraction and subset seed, scored on the test set.
for f in "${fractions[@]}"; do
  for s in 1 2 3; do
    name=supervised-$f-$s
    train "$name" --objective supervised --labels-fraction "$f" --labels-seed "$s"
    score "$name"
  done
done

# The floor every encoder must clear: the same probes on the raw pixels.
mkdir -p "$out/pixels"
probes "$out/pixels" "$out/train.arrow" "$out/test.arrow" --embedding-column image

# Last, the linear probes with every label.
for name in ${ALL_LABELS-simclr relic relic-no-kl relicv2 pixels}; do
  if [[ $name == pixels ]]; then
    ALL=1 probes "$out/pixels" "$out/train.arrow" "$out/test.arrow" --embedding-column image
  else
    ALL=1 probes "$out/$name" "$out/$name/train-emb.arrow" "$out/$name/test-emb.arrow"
  fi
done

node bench/lib/ssl-table.mjs "$out" > "$table.tmp$$"
mv "$table.tmp$$" "$table"
cat "$table" >&2
