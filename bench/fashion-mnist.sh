#!/usr/bin/env bash
# Fashion-MNIST accuracy on the full data, CPU: trains the MLP and the CNN with `causal train`, evaluates each on
# the 10000 test images with `causal eval --model`, and writes the commands, times and accuracies to
# bench/results/fashion-mnist.md. Installs Debian's dataset-fashion-mnist when it is missing (needs root and apt).
#   bash bench/fashion-mnist.sh [mlp|cnn|resnet ...]      (default: mlp cnn)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=/usr/share/datasets/fashion-mnist
if [ ! -f "$DATA/train-images-idx3-ubyte.gz" ]; then
  apt-get install -y dataset-fashion-mnist >/dev/null
fi
[ -f dist/cli/main.js ] || npm run build >/dev/null
WORK=${WORK:-bench/.work/fashion-mnist}
mkdir -p "$WORK" bench/results
causal() { node bin/causal.js "$@"; }
causal import fashion-mnist -o "$WORK/train.arrow"
causal import fashion-mnist --split test -o "$WORK/test.arrow"

declare -A ARGS=(
  [mlp]="--model mlp --objective supervised --epochs 10 --batch-size 128 --lr 0.001 --seed 1"
  [cnn]="--model cnn --objective supervised --epochs 6 --batch-size 128 --lr 0.002 --seed 1"
  [resnet]="--model resnet --objective supervised --epochs 5 --batch-size 128 --lr 0.002 --seed 1"
)
MODELS=("${@:-mlp cnn}")
read -r -a MODELS <<<"${MODELS[*]}"
OUT=bench/results/fashion-mnist.md
{
  echo "# Fashion-MNIST, full data, CPU"
  echo
  echo "\`bash bench/fashion-mnist.sh\` on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(date -u +%Y-%m-%d)."
  echo "60000 training images, 10000 test images; default threads (the cores, at most 8)."
  echo
  echo "| model | command | train time | test accuracy | macro F1 |"
  echo "|---|---|---|---|---|"
} >"$WORK/table.md"
for m in "${MODELS[@]}"; do
  rm -rf "$WORK/$m"
  cmd="causal train train.arrow ${ARGS[$m]} --eval test.arrow -o $m"
  echo "== $cmd" >&2
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  causal train "$WORK/train.arrow" ${ARGS[$m]} --eval "$WORK/test.arrow" -o "$WORK/$m"
  end=$(date +%s.%N)
  causal eval --model "$WORK/$m" "$WORK/test.arrow" --json -q >"$WORK/$m.eval.json"
  causal eval --model "$WORK/$m" "$WORK/test.arrow" --plot "bench/results/fashion-mnist-$m-confusion.svg" -q >/dev/null
  acc=$(node -e "const j=require('./$WORK/$m.eval.json');console.log(j.accuracy.toFixed(4)+' | '+j.macro_f1.toFixed(4))")
  secs=$(node -e "console.log(Math.round($end-$start)+' s')")
  echo "| $m | \`$cmd\` | $secs | $acc |" >>"$WORK/table.md"
done
cp "$WORK/table.md" "$OUT"
cat "$OUT"
