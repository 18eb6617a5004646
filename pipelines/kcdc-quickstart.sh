#!/usr/bin/env bash
# The main job on the embedded default data: the 99 Tübingen cause-effect pairs, orientation shuffled with a fixed
# seed, decided by KCDC with the default (synthetic-trained) rule, then scored. Writes its outputs to out/kcdc-quickstart/.
set -euo pipefail
cd "$(dirname "$0")/.."
out=out/kcdc-quickstart
mkdir -p "$out"
causal() { node bin/causal.js "$@"; }

causal import tuebingen --shuffle-orientation --seed 1 \
  | causal kcdc -o "$out/decisions.arrow"
causal eval "$out/decisions.arrow" --plot "$out/accuracy-vs-decision-rate.svg" -o "$out/curve.arrow"
echo "decisions: $out/decisions.arrow  curve: $out/curve.arrow  plot: $out/accuracy-vs-decision-rate.svg" >&2
