#!/usr/bin/env bash
# The Synth² experiment in miniature (method note synth2.md §6.3; docs/synth.md): for each amount of real data and
# each seed, captioners trained on the same step budget with
#   (a) real pairs only,
#   (b) real + synthetic pairs from embedding-space synthesis (caption -> generator tokens -> codebook vectors),
#   (c) real + synthetic pairs via pixel space (generator tokens -> VQ decoder -> pixels -> VQ encoder),
#   (d) synthetic pairs only (embedding route),
#   (e) real + oracle pairs: the scene world renders the true image of each synthetic caption (an upper bound),
# scored with CIDEr-D on held-in test scenes and on held-out (colour, shape) compositions.
# Fairness rule: the text-to-image generator and the captioner see the same real pairs (the first N scenes of the
# train split drawn with seed 100 + S); the VQ tokenizer is trained once, without captions, on a pool of images from
# the train split of seed 1 (another stream: no scene in common with the real pairs). Synthetic
# captions come from `causal generate-captions` (the offline stand-in for the LLM, balanced over the world's
# concepts, held-out compositions allowed: the LLM knows concepts the human data lacks).
#
# Usage: pipelines/synth2.sh [OUT] [TABLE]
#   OUT    default out/synth2; a finished step (its output exists) is skipped on a rerun
#   TABLE  default bench/results/synth2.md
# Environment:
#   AMOUNTS "300 1000" real scenes; SEEDS "1 2 3"; ARMS "a b c d e"; SYNTH_FACTOR 4 (synthetic captions per real
#   scene); MIX 0.5 (share of synthetic pairs per batch in b, c, e); VLM_STEPS 2500 and VLM_ARGS "--d-model 64"
#   (every captioner); T2I_STEPS 1500 and T2I_ARGS "--dropout 0"; VQ_POOL 5000 images, VQ_STEPS 3000 and VQ_ARGS
#   (more tokenizer flags, e.g. "--codebook-size 32"); SYNTH_ARGS (generator sampling flags for synth-embeddings,
#   e.g. "--steps 1 --guidance 1"; default its own); TEST_COUNT 500 (test and heldout, seed 0); THREADS 2
#   JUDGE 0; 1 also measures what the synthetic images show (docs/synth.md "Fidelity"): a judge captioner trained
#   on the tokenizer's pool (real scenes with captions; JUDGE_STEPS 2500, VLM_ARGS) captions the real test images,
#   the oracle renders and both routes' synthetic images, scored against the truth with `eval --metric objects`
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/synth2}
table=${2:-bench/results/synth2.md}
read -r -a amounts <<< "${AMOUNTS:-300 1000}"
read -r -a seeds <<< "${SEEDS:-1 2 3}"
read -r -a arms <<< "${ARMS:-a b c d e}"
read -r -a vlm_args <<< "${VLM_ARGS:---d-model 64}"
read -r -a t2i_args <<< "${T2I_ARGS:---dropout 0}"
read -r -a vq_args <<< "${VQ_ARGS:-}"
read -r -a synth_args <<< "${SYNTH_ARGS:-}"
factor=${SYNTH_FACTOR:-4}
mix=${MIX:-0.5}
vlm_steps=${VLM_STEPS:-2500}
t2i_steps=${T2I_STEPS:-1500}
vq_pool=${VQ_POOL:-5000}
vq_steps=${VQ_STEPS:-3000}
test_count=${TEST_COUNT:-500}
threads=${THREADS:-2}
judge=${JUDGE:-0}
judge_steps=${JUDGE_STEPS:-2500}
mkdir -p "$out"
# A step that fails leaves no half-written result behind: every result is written to NAME.tmp<pid>, then renamed;
# the pid keeps the cleanup of one run from deleting the files of another writing to the same OUT.
trap 'find "$out" -name "*.tmp$$" -type f -delete; rm -f "$table.tmp$$"' EXIT
causal() { node bin/causal.js "$@"; }
# once FILE CMD...: runs CMD (which writes FILE.tmp<pid>) unless FILE exists, then renames it to FILE
once() {
  local file=$1
  shift
  [[ -s $file ]] && return 0
  "$@"
  mv "$file.tmp$$" "$file"
}
# wants ARM: whether ARM is among the arms to run (pixel and oracle data are made only for arms c and e)
wants() { [[ " ${arms[*]} " == *" $1 "* ]]; }
started=$SECONDS

# The tokenizer's image pool and the test sets.
once "$out/pool.arrow" causal make-scenes --split train --count "$vq_pool" --seed 1 -q -o "$out/pool.arrow.tmp$$"
for split in test heldout; do
  once "$out/$split.arrow" causal make-scenes --split "$split" --count "$test_count" --seed 0 -q -o "$out/$split.arrow.tmp$$"
done
if [[ ! -s $out/vq/model.json ]]; then
  rm -rf "$out/vq"
  causal train --task vq "$out/pool.arrow" --steps "$vq_steps" "${vq_args[@]}" --seed 1 --threads "$threads" -q -o "$out/vq"
fi
for split in test heldout; do
  once "$out/$split-tokens.arrow" causal embed-images --model "$out/vq" "$out/$split.arrow" --threads "$threads" -q \
    -o "$out/$split-tokens.arrow.tmp$$"
done

# fidelity TOKENS JSON REFERENCES: the judge's captions of TOKENS scored by meaning against the column REFERENCES
fidelity() {
  local tokens=$1 json=$2 references=$3
  [[ $judge == 1 && -s $tokens && ! -s $json ]] || return 0
  causal caption --model "$out/judge" "$tokens" --column judged --threads "$threads" -q \
    | causal eval --metric objects --candidates judged --references "$references" --json -q > "$json.tmp$$"
  mv "$json.tmp$$" "$json"
}
if [[ $judge == 1 ]]; then
  once "$out/pool-tokens.arrow" causal embed-images --model "$out/vq" "$out/pool.arrow" --threads "$threads" -q -o "$out/pool-tokens.arrow.tmp$$"
  if [[ ! -s $out/judge/model.json ]]; then
    rm -rf "$out/judge"
    causal train-vlm "$out/pool-tokens.arrow" --steps "$judge_steps" "${vlm_args[@]}" --seed 1 --threads "$threads" -q -o "$out/judge"
  fi
  fidelity "$out/test-tokens.arrow" "$out/judge-test.json" captions
fi

# captioner DIR TRAIN ARGS...: one captioner on the step budget, scored on test and heldout (greedy decoding)
captioner() {
  local dir=$1
  shift
  if [[ ! -s $dir/model.json ]]; then
    rm -rf "$dir"
    causal train-vlm "$@" --steps "$vlm_steps" "${vlm_args[@]}" --seed "$seed" --threads "$threads" -q -o "$dir"
  fi
  for split in test heldout; do
    once "$dir/$split.arrow" causal caption --model "$dir" "$out/$split-tokens.arrow" --threads "$threads" -q -o "$dir/$split.arrow.tmp$$"
    if [[ ! -s $dir/$split.json ]]; then
      causal eval --metric cider,bleu,rouge "$dir/$split.arrow" --json -q > "$dir/$split.json.tmp$$"
      mv "$dir/$split.json.tmp$$" "$dir/$split.json"
    fi
  done
}

for n in "${amounts[@]}"; do
  for seed in "${seeds[@]}"; do
    run=$out/n$n/seed$seed
    mkdir -p "$run"
    once "$run/real.arrow" causal make-scenes --split train --count "$n" --seed $((100 + seed)) -q -o "$run/real.arrow.tmp$$"
    once "$run/real-tokens.arrow" causal embed-images --model "$out/vq" "$run/real.arrow" --threads "$threads" -q -o "$run/real-tokens.arrow.tmp$$"
    if [[ ! -s $run/t2i/model.json ]]; then
      rm -rf "$run/t2i"
      causal train --task t2i "$run/real-tokens.arrow" --steps "$t2i_steps" "${t2i_args[@]}" --seed "$seed" --threads "$threads" -q \
        -o "$run/t2i"
    fi
    once "$run/captions.arrow" causal generate-captions --count $((n * factor)) --seed "$seed" -q -o "$run/captions.arrow.tmp$$"
    once "$run/synth-embedding.arrow" causal synth-embeddings --model "$run/t2i" --tokenizer "$out/vq" "$run/captions.arrow" \
      "${synth_args[@]}" --compare-routes --seed "$seed" --threads "$threads" --timing-json "$run/timing.json" -q -o "$run/synth-embedding.arrow.tmp$$"
    if wants c; then
      once "$run/synth-pixels.arrow" causal synth-embeddings --pixels --model "$run/t2i" --tokenizer "$out/vq" \
        "$run/captions.arrow" "${synth_args[@]}" --seed "$seed" --threads "$threads" -q -o "$run/synth-pixels.arrow.tmp$$"
    fi
    if wants e; then
      once "$run/synth-oracle.arrow" causal synth-embeddings --oracle --tokenizer "$out/vq" "$run/captions.arrow" \
        --seed "$seed" --threads "$threads" -q -o "$run/synth-oracle.arrow.tmp$$"
    fi
    for route in embedding pixels oracle; do
      fidelity "$run/synth-$route.arrow" "$run/fidelity-$route.json" caption
    done
    for arm in "${arms[@]}"; do
      case $arm in
        a) captioner "$run/a" "$run/real-tokens.arrow" ;;
        b) captioner "$run/b" "$run/synth-embedding.arrow" --real "$run/real-tokens.arrow" --mix "$mix" ;;
        c) captioner "$run/c" "$run/synth-pixels.arrow" --real "$run/real-tokens.arrow" --mix "$mix" ;;
        d) captioner "$run/d" "$run/synth-embedding.arrow" ;;
        e) captioner "$run/e" "$run/synth-oracle.arrow" --real "$run/real-tokens.arrow" --mix "$mix" ;;
        *) echo "synth2: unknown arm '$arm' (a b c d e)" >&2; exit 2 ;;
      esac
    done
  done
done

settings="AMOUNTS=\"${amounts[*]}\" SEEDS=\"${seeds[*]}\" ARMS=\"${arms[*]}\" SYNTH_FACTOR=$factor MIX=$mix VLM_STEPS=$vlm_steps"
settings+=" VLM_ARGS=\"${vlm_args[*]}\" T2I_STEPS=$t2i_steps T2I_ARGS=\"${t2i_args[*]}\" VQ_POOL=$vq_pool VQ_STEPS=$vq_steps"
[[ ${#vq_args[@]} -gt 0 ]] && settings+=" VQ_ARGS=\"${vq_args[*]}\""
[[ ${#synth_args[@]} -gt 0 ]] && settings+=" SYNTH_ARGS=\"${synth_args[*]}\""
[[ $judge == 1 ]] && settings+=" JUDGE=1 JUDGE_STEPS=$judge_steps"
node bench/lib/synth2-table.mjs "$out" "${amounts[*]}" "${seeds[*]}" "${arms[*]}" "$settings" > "$table.tmp$$"
mv "$table.tmp$$" "$table"
cat "$table" >&2
echo "synth2: ${#amounts[@]} amounts x ${#seeds[@]} seeds x ${#arms[@]} arms in $((SECONDS - started)) s; table in $table" >&2
