import { describe, expect, it } from 'vitest';
import { algorithm } from '../../src/clrs/algorithms/index.js';
import { BatchWriter } from '../../src/clrs/model/batch.js';
import { trainingModel } from '../../src/clrs/model/network.js';
import { modelSpec, names } from '../../src/clrs/model/probes.js';
import { gumbel } from '../../src/clrs/model/sinkhorn.js';
import { sampleAt } from '../../src/clrs/splits.js';
import { Rng } from '../../src/common/random.js';
import { adamw } from '../../src/engine/optim/index.js';
import { ort } from '../../src/engine/runtime.js';
import { buildTrainStep, TrainStep } from '../../src/engine/train-step.js';

/** Trains a hidden-16 network on batches of 8 samples at n 4..7; returns the mean per-update loss of each batch. */
async function train(name: string, batches: number): Promise<number[]> {
  const config = { algorithm: name, hidden: 16, processor: 'triplet_gmpnn' as const };
  const step = await TrainStep.create(buildTrainStep({ build: trainingModel(config), optimizer: adamw({ weightDecay: 0 }), clipNorm: 1 }), { seed: 1, threads: 1 });
  const spec = modelSpec(name);
  const rng = new Rng(2);
  const losses: number[] = [];
  for (let b = 0; b < batches; b++) {
    const n = 4 + (b % 4);
    const samples = Array.from({ length: 8 }, (_, i) => sampleAt(algorithm(name), n, 7, b * 8 + i));
    const w = new BatchWriter(spec, samples, n, 16, { training: true });
    const feeds = Object.fromEntries(Object.entries(w.feeds).map(([k, f]) => [k, new ort.Tensor('float32', f.data, f.shape)]));
    let sum = 0;
    for (let t = 0; t < w.steps; t++) {
      w.teacherHints(t);
      w.targets(t);
      w.noise(() => rng.uniform(), gumbel);
      const r = await step.run(feeds, 3e-3);
      w.setHidden(r.outputs[names.hiddenOut].data as Float32Array);
      sum += r.loss;
    }
    losses.push(sum / w.steps);
  }
  await step.release();
  return losses;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('CLRS network training', () => {
  it('a tiny Triplet-GMPNN learns insertion sort hints and outputs: the loss falls clearly', async () => {
    const losses = await train('insertion_sort', 80);
    const first = mean(losses.slice(0, 8));
    const last = mean(losses.slice(-8));
    expect(last).toBeLessThan(0.6 * first);
  }, 30_000);
});
