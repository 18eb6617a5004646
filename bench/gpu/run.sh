#!/usr/bin/env bash
# GPU train-step benchmark, run on the lent machine from the repository root (bench/gpu/carry/ made by prepare.sh
# travels with the tree): the MLP 784-512-256-10 and the small CNN, batch 128, AdamW, in causal on the GPU
# (webgpu, and cuda when its provider is present), the same step in causal on the CPU, and in PyTorch on the GPU
# when the machine has it. Prints a table and writes bench/results/gpu.md (to $OUT too, when set).
#   bash bench/gpu/run.sh [STEPS]
set -uo pipefail
cd "$(dirname "$0")"
STEPS=${1:-50}
source ./unpack.sh
THREADS=$(nproc)
rows=()
for model in mlp cnn; do
  for device in cpu webgpu cuda; do
    # the last line is the JSON result, or the error that stopped the run (never a stack trace's tail)
    r=$(cd "$W" && timeout 300 ./node bench/lib/causal_step.mjs "$model" adamw "$THREADS" "$STEPS" "$device" 2>&1 | grep -E '^\{|Error|error' | tail -1)
    rows+=("| $model | causal $device | $r |")
  done
  if python3 -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null; then
    r=$(timeout 300 python3 - "$model" "$STEPS" <<'PY'
import json, sys, time, torch
from torch import nn
m, steps = sys.argv[1], int(sys.argv[2])
dev = 'cuda'
if m == 'mlp':
    net = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10)); shape = (128, 784)
else:
    net = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10)); shape = (128, 1, 28, 28)
net = net.to(dev); opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=0.01)
x = torch.rand(shape, device=dev); y = torch.randint(0, 10, (128,), device=dev); f = nn.CrossEntropyLoss()
def step():
    opt.zero_grad(set_to_none=True); f(net(x), y).backward(); opt.step()
for _ in range(5): step()
torch.cuda.synchronize(); ts = []
for _ in range(steps):
    t0 = time.perf_counter(); step(); torch.cuda.synchronize(); ts.append((time.perf_counter() - t0) * 1000)
ts.sort(); print(json.dumps({'min': ts[0], 'median': ts[len(ts) // 2]}))
PY
)
    rows+=("| $model | pytorch cuda | $r |")
  else
    rows+=("| $model | pytorch cuda | not available on this machine |")
  fi
done
{
  echo "# GPU train-step benchmark"
  echo
  echo "\`bash bench/gpu/run.sh $STEPS\` on $(nvidia-smi -L 2>/dev/null | head -1 || echo 'no GPU'), $(date -u +%Y-%m-%d); batch 128, AdamW; ms per step."
  echo
  echo "| model | runtime | result (min / median ms, or the error) |"
  echo "|---|---|---|"
  printf '%s\n' "${rows[@]}"
} >"$W/gpu.md"
cat "$W/gpu.md"
mkdir -p ../results && cp "$W/gpu.md" ../results/gpu.md
[ -n "${OUT:-}" ] && cp "$W/gpu.md" "$OUT/"
rm -rf "$W"
