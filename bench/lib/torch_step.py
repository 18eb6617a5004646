"""One timing job for bench/train-speed.mjs: the same train step in PyTorch (CPU). Prints one JSON line.
usage: torch_step.py MODEL OPTIMIZER THREADS STEPS [foreach]"""
import json, resource, sys, time
import torch
from torch import nn

model_name, opt_name, threads, steps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
foreach = len(sys.argv) > 5 and sys.argv[5] == 'foreach'
torch.set_num_threads(threads)
torch.manual_seed(1)
if model_name == 'mlp':
    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10))
    shape = (128, 784)
else:
    # the same small CNN as causal's `--model cnn`: two conv3x3+BN+ReLU+maxpool2 blocks, dense 128, head
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))
    shape = (128, 1, 28, 28)
kw = {'foreach': True} if foreach else {}
opt = torch.optim.SGD(model.parameters(), lr=1e-3, **kw) if opt_name == 'sgd' else torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01, **kw)
loss_fn = nn.CrossEntropyLoss()
batches = [(torch.rand(shape), torch.randint(0, 10, (128,))) for _ in range(4)]

def step(i):
    x, y = batches[i % 4]
    opt.zero_grad(set_to_none=True)
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()

for i in range(5):
    step(i)
times = []
for i in range(steps):
    t0 = time.perf_counter()
    step(i)
    times.append((time.perf_counter() - t0) * 1000)
times.sort()
print(json.dumps({'min': times[0], 'median': times[len(times) // 2], 'rssMiB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 'torch': torch.__version__}))
