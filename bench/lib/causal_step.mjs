// One timing job for bench/train-speed.mjs: the train step of `model` (mlp | cnn) with `optimizer` (adamw | sgd)
// on random batches of 128, in causal's engine (dist/), on DEVICE (default cpu). Prints one JSON line: min and median ms, peak RSS in MiB.
import { Rng } from '../../dist/common/random.js';
import { buildTrainStep, optim, ort, TrainStep } from '../../dist/engine/index.js';
import { supervisedLoss } from '../../dist/vision/supervised.js';

const [model, optimizer, threads, steps] = [process.argv[2], process.argv[3], Number(process.argv[4]), Number(process.argv[5])];
const device = process.argv[6] ?? 'cpu';
const B = 128;
const spec = { architecture: model, input: { height: 28, width: 28, channels: 1 }, classes: 10, mean: 0, std: 1 };
const built = buildTrainStep({
  build: supervisedLoss(spec),
  optimizer: optimizer === 'sgd' ? optim.sgd() : optim.adamw({ weightDecay: 0.01 }),
});
const step = await TrainStep.create(built, { seed: 1, threads, device });
const rng = new Rng(2);
const batches = Array.from({ length: 4 }, () => ({
  image: new ort.Tensor('float32', Float32Array.from({ length: B * 784 }, () => rng.uniform()), [B, 784]),
  label: new ort.Tensor('int64', BigInt64Array.from({ length: B }, () => BigInt(rng.int(10))), [B]),
}));
for (let i = 0; i < 5; i++) await step.run(batches[i % 4], 1e-3);
const times = [];
for (let i = 0; i < steps; i++) {
  const t0 = performance.now();
  await step.run(batches[i % 4], 1e-3);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ min: times[0], median: times[times.length >> 1], rssMiB: process.resourceUsage().maxRSS / 1024 }));
