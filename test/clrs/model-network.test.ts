import { describe, expect, it } from 'vitest';
import { algorithm } from '../../src/clrs/algorithms/index.js';
import { sampleAt } from '../../src/clrs/splits.js';
import { BatchWriter } from '../../src/clrs/model/batch.js';
import { trainingModel, inferenceModel, type ProcessorKind } from '../../src/clrs/model/network.js';
import { modelSpec, names } from '../../src/clrs/model/probes.js';
import { gumbel } from '../../src/clrs/model/sinkhorn.js';
import { Rng } from '../../src/common/random.js';
import { exportInference } from '../../src/engine/export.js';
import { adamw } from '../../src/engine/optim/index.js';
import { createSession, ort } from '../../src/engine/runtime.js';
import { buildTrainStep, TrainStep } from '../../src/engine/train-step.js';

const tensors = (w: BatchWriter) => Object.fromEntries(Object.entries(w.feeds).map(([k, f]) => [k, new ort.Tensor('float32', f.data, f.shape)]));

async function oneBatch(name: string, processor: ProcessorKind, n: number) {
  const config = { algorithm: name, hidden: 8, processor };
  const built = buildTrainStep({ build: trainingModel(config), optimizer: adamw({ weightDecay: 0 }), clipNorm: 1 });
  const step = await TrainStep.create(built, { seed: 1, threads: 1 });
  const samples = [0, 1, 2].map((i) => sampleAt(algorithm(name), n, 5, i));
  const w = new BatchWriter(modelSpec(name), samples, samples[0].n, 8, { training: true });
  const feeds = tensors(w);
  const rng = new Rng(3);
  const losses: number[] = [];
  for (let t = 0; t < w.steps; t++) {
    w.teacherHints(t);
    w.targets(t);
    w.noise(() => rng.uniform(), gumbel);
    const r = await step.run(feeds, 1e-3);
    losses.push(r.loss);
    w.setHidden(r.outputs[names.hiddenOut].data as Float32Array);
  }
  const onnx = exportInference(inferenceModel(config), step.parameters());
  const session = await createSession(onnx, { threads: 1 });
  const inf = new BatchWriter(w.spec, samples, samples[0].n, 8, { training: false });
  inf.teacherHints(0);
  const out = await session.run(tensors(inf));
  await step.release();
  await session.release();
  return { losses, out };
}

describe('CLRS step network', () => {
  for (const [name, processor, n] of [
    ['bfs', 'triplet_gmpnn', 5],
    ['insertion_sort', 'triplet_gmpnn', 5],
    ['insertion_sort', 'mpnn', 4],
    ['floyd_warshall', 'triplet_gmpnn', 4],
    ['lcs_length', 'mpnn', 6],
    ['bridges', 'triplet_gmpnn', 5],
    ['segments_intersect', 'triplet_gmpnn', 4],
    ['heapsort', 'mpnn', 5],
  ] as const) {
    it(`builds, trains one batch and exports: ${name} (${processor})`, async () => {
      const { losses, out } = await oneBatch(name, processor, n);
      expect(losses.length).toBeGreaterThan(0);
      for (const l of losses) expect(Number.isFinite(l)).toBe(true);
      expect(out[names.hiddenOut].dims.slice(1)).toEqual([n, 8]);
    });
  }
});
