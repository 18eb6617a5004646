#!/usr/bin/env bash
# The main job (`npm start`) on the embedded scene world, in minutes on 2 cores: the Synth² pipeline at a small size.
# 300 real scenes (1500 caption pairs) train a text-to-image-token generator and a captioner; 1200 synthetic captions
# from the offline caption generator become image embeddings; a captioner trained on real + synthetic pairs is
# compared with one trained on the real pairs alone, by CIDEr-D on held-in and held-out-composition scenes.
# Outputs in out/quickstart/, the table in out/quickstart/synth2.md. pipelines/synth2.sh has the full experiment.
set -euo pipefail
cd "$(dirname "$0")/.."
AMOUNTS=300 SEEDS=1 ARMS="a b" VQ_POOL=2000 VQ_STEPS=600 T2I_STEPS=400 VLM_STEPS=300 TEST_COUNT=200 \
  bash pipelines/synth2.sh out/quickstart out/quickstart/synth2.md
