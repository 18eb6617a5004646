import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { UsageError } from '../../src/common/errors.js';
import { Graph } from '../../src/engine/graph.js';
import * as nn from '../../src/engine/nn/index.js';
import * as op from '../../src/engine/ops/index.js';
import { dropoutMaskReference } from '../../src/engine/ops/dropout.js';
import { adamw } from '../../src/engine/optim/index.js';
import { createSession, ort } from '../../src/engine/runtime.js';
import { buildTrainStep, TrainStep, type TrainStepSpec } from '../../src/engine/train-step.js';
import { arr, f64, i64, runGraph } from './helpers.js';

const xorSpec: TrainStepSpec = {
  build: (g: Graph) => {
    const x = g.input('x', 'float32', ['batch', 2]);
    const y = g.input('y', 'int64', ['batch']);
    const logits = new nn.MLP(g, 'mlp', [2, 16, 2], { activation: 'tanh' }).apply(x);
    const accuracy = op.reduceMean(op.cast(op.equal(op.argmax(logits, -1), y), 'float32'));
    return { loss: nn.crossEntropy(logits, y), metrics: { accuracy } };
  },
  optimizer: adamw({ weightDecay: 0 }),
};
const xorBatch = {
  x: new ort.Tensor('float32', Float32Array.from([0, 0, 0, 1, 1, 0, 1, 1]), [4, 2]),
  y: new ort.Tensor('int64', BigInt64Array.from([0n, 1n, 1n, 0n]), [4]),
};

describe('training with the step graph', () => {
  it('a tiny MLP learns XOR with AdamW', async () => {
    const step = await TrainStep.create(buildTrainStep(xorSpec), { seed: 7, threads: 1 });
    let r = await step.run(xorBatch, 0.05);
    const first = r.loss;
    for (let i = 0; i < 300; i++) r = await step.run(xorBatch, 0.05);
    expect(first).toBeGreaterThan(0.5);
    expect(r.loss).toBeLessThan(0.02);
    expect(r.metrics.accuracy).toBe(1);
    expect(step.steps).toBe(301);
    await step.release();
  });

  it('an MLP learns a linear teacher on batches of varying size', async () => {
    const rng = new Rng(11);
    const teacher = Float32Array.from({ length: 8 * 3 }, () => rng.normal());
    const batch = (n: number) => {
      const x = Float32Array.from({ length: n * 8 }, () => rng.normal());
      const y = BigInt64Array.from({ length: n }, (_, b) => {
        let best = 0;
        let bestV = -Infinity;
        for (let c = 0; c < 3; c++) {
          let s = 0;
          for (let d = 0; d < 8; d++) s += x[b * 8 + d] * teacher[d * 3 + c];
          if (s > bestV) [best, bestV] = [c, s];
        }
        return BigInt(best);
      });
      return { x: new ort.Tensor('float32', x, [n, 8]), y: new ort.Tensor('int64', y, [n]) };
    };
    const spec: TrainStepSpec = {
      ...xorSpec,
      build: (g: Graph) => {
        const x = g.input('x', 'float32', ['batch', 8]);
        const y = g.input('y', 'int64', ['batch']);
        const logits = new nn.MLP(g, 'mlp', [8, 32, 3], { dropout: 0.1 }).apply(x);
        const accuracy = op.reduceMean(op.cast(op.equal(op.argmax(logits, -1), y), 'float32'));
        return { loss: nn.crossEntropy(logits, y), metrics: { accuracy } };
      },
    };
    const step = await TrainStep.create(buildTrainStep(spec), { seed: 1, threads: 1 });
    for (let i = 0; i < 300; i++) await step.run(batch(16 + (i % 3) * 8), 0.01);
    const r = await step.run(batch(256), 0);
    expect(r.metrics.accuracy).toBeGreaterThan(0.9);
    await step.release();
  });

  it('resumes from a checkpoint exactly', async () => {
    const built = buildTrainStep(xorSpec);
    const a = await TrainStep.create(built, { seed: 3, threads: 1 });
    for (let i = 0; i < 5; i++) await a.run(xorBatch, 0.05);
    const b = await TrainStep.create(built, { seed: 3, threads: 1, initial: a.checkpoint() });
    expect(b.steps).toBe(5);
    const ra = await a.run(xorBatch, 0.05);
    const rb = await b.run(xorBatch, 0.05);
    expect(rb.loss).toBe(ra.loss);
    expect(arr(b.parameters().get('mlp.0.weight')!)).toEqual(arr(a.parameters().get('mlp.0.weight')!));
    await a.release();
    await b.release();
  });

  it('the same seed gives the same parameters and losses; another seed does not', async () => {
    const built = buildTrainStep(xorSpec);
    const losses = async (seed: number) => {
      const s = await TrainStep.create(built, { seed, threads: 1 });
      const out = [];
      for (let i = 0; i < 3; i++) out.push((await s.run(xorBatch, 0.05)).loss);
      await s.release();
      return out;
    };
    expect(await losses(5)).toEqual(await losses(5));
    expect(await losses(5)).not.toEqual(await losses(6));
  });
});

describe('dropout', () => {
  it('applies the documented seeded mask, reproducibly', async () => {
    const g = new Graph({ training: true, floatType: 'float64' });
    const x = g.input('x', 'float64', [50, 40]);
    g.output('a', op.dropout(x, 0.3));
    g.output('b', op.dropout(x, 0.3));
    const ones = f64([50, 40], new Array(2000).fill(1));
    const seed = i64([], [987654321]);
    const out = await runGraph(g, { x: ones, dropout_seed: seed });
    expect(arr(out.a)).toEqual(Array.from(dropoutMaskReference(987654321, 0, 2000, 0.3)));
    expect(arr(out.b)).toEqual(Array.from(dropoutMaskReference(987654321, 1, 2000, 0.3)));
    expect(arr(out.a)).not.toEqual(arr(out.b));
    const again = await runGraph(g, { x: ones, dropout_seed: seed });
    expect(arr(again.a)).toEqual(arr(out.a));
    const other = await runGraph(g, { x: ones, dropout_seed: i64([], [987654322]) });
    expect(arr(other.a)).not.toEqual(arr(out.a));
  });

  it('keeps about 1 - p of the elements with little correlation between neighbours', () => {
    const n = 100_000;
    const m = dropoutMaskReference(42, 0, n, 0.5);
    let kept = 0;
    let both = 0;
    for (let i = 0; i < n; i++) {
      kept += m[i] > 0 ? 1 : 0;
      if (i > 0 && m[i] > 0 && m[i - 1] > 0) both++;
    }
    expect(Math.abs(kept / n - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(both / (n - 1) - 0.25)).toBeLessThan(0.01);
  });

  it('is the identity in inference graphs', () => {
    const g = new Graph({ training: false });
    const x = g.input('x', 'float32', [3]);
    expect(op.dropout(x, 0.5)).toBe(x);
  });
});

describe('batch norm', () => {
  it('updates running statistics like PyTorch (unbiased variance, momentum 0.1)', async () => {
    const g = new Graph({ training: true, floatType: 'float64' });
    const x = g.input('x', 'float64', ['n', 2]);
    const bn = new nn.BatchNorm(g, 'bn', 2);
    g.output('y', bn.apply(x));
    g.output('mean', g.bufferUpdates.get('bn.running_mean')!);
    g.output('var', g.bufferUpdates.get('bn.running_var')!);
    const xs = [1, 10, 2, 20, 4, 60];
    const out = await runGraph(g, {
      x: f64([3, 2], xs),
      'bn.scale': f64([2], [1, 1]),
      'bn.bias': f64([2], [0, 0]),
      'bn.running_mean': f64([2], [0, 0]),
      'bn.running_var': f64([2], [1, 1]),
    });
    const mean = [7 / 3, 30];
    const unbiased = [((1 - 7 / 3) ** 2 + (2 - 7 / 3) ** 2 + (4 - 7 / 3) ** 2) / 2, (400 + 100 + 900) / 2];
    arr(out.mean).forEach((v, i) => expect(v).toBeCloseTo(0.1 * mean[i], 12));
    arr(out.var).forEach((v, i) => expect(v).toBeCloseTo(0.9 + 0.1 * unbiased[i], 10));
  });
});

describe('runtime', () => {
  it('rejects unknown devices and explains providers that cannot start', async () => {
    const g = new Graph();
    g.output('y', op.neg(g.input('x', 'float32', [1])));
    const bytes = (await import('../../src/engine/onnx.js')).serialize(g);
    await expect(createSession(bytes, { device: 'tpu' as never })).rejects.toThrow(UsageError);
    for (const device of ['webgpu', 'cuda'] as const) {
      try {
        await (await createSession(bytes, { device })).release();
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        expect((e as Error).message).toMatch(new RegExp(`device '${device}'.*(install|use --device cpu)`));
        expect((e as Error).message).not.toContain('\n');
      }
    }
  });
});
