import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { sgd } from '../../src/engine/optim/index.js';
import { ort } from '../../src/engine/runtime.js';
import { buildTrainStep, TrainStep } from '../../src/engine/train-step.js';
import { checkViews, sslLoss, type SslObjective, type SslSpec } from '../../src/ssl/objective.js';

const B = 6;
const PX = 16;

function spec(objective: SslObjective, o: Partial<SslSpec> = {}): SslSpec {
  const multiCrop = objective === 'relicv2' || objective === 'semppl';
  return {
    objective,
    encoder: { architecture: 'mlp', input: { height: 4, width: 4, channels: 1 }, hidden: [8], mean: 0.5, std: 0.3 },
    heads: { hidden: 8, projection: 4 },
    batchSize: B,
    largeViews: 2,
    smallViews: multiCrop ? 1 : 0,
    temperature: 0.5,
    likelihoodWeight: 0.7,
    invarianceWeight: 1.3,
    semanticWeight: 0.4,
    queueSize: objective === 'semppl' ? 5 : undefined,
    classes: objective === 'semppl' ? 3 : undefined,
    ...o,
  };
}

async function firstStep(s: SslSpec) {
  const step = await TrainStep.create(buildTrainStep({ build: sslLoss(s), optimizer: sgd() }), { seed: 1, threads: 1 });
  const rng = new Rng(2);
  const views = s.largeViews + s.smallViews;
  const feeds: Record<string, ort.Tensor> = {
    views: new ort.Tensor('float32', Float32Array.from({ length: views * B * PX }, () => rng.uniform()), [views * B, PX]),
  };
  if (s.objective === 'semppl') {
    feeds.label = new ort.Tensor('int64', BigInt64Array.from([0n, -1n, 2n, -1n, 1n, -1n]), [B]);
    feeds.queue = new ort.Tensor('float32', Float32Array.from({ length: 5 * 4 }, () => rng.range(-1, 1)), [5, 4]);
    feeds.queue_label = new ort.Tensor('int64', BigInt64Array.from([0n, 1n, 2n, 0n, 1n]), [5]);
    feeds.queue_valid = new ort.Tensor('float32', Float32Array.from([1, 1, 1, 1, 0]), [5]);
  }
  const r = await step.run(feeds, 0, { emaDecay: 0.99 });
  await step.release();
  return r;
}

describe('self-supervised objectives combine their terms as documented', () => {
  it('relic and relicv2: beta * likelihood + alpha * KL', async () => {
    for (const objective of ['relic', 'relicv2'] as const) {
      const r = await firstStep(spec(objective));
      expect(r.metrics.invariance).toBeGreaterThan(0);
      expect(r.loss).toBeCloseTo(0.7 * r.metrics.likelihood + 1.3 * r.metrics.invariance, 5);
    }
  });

  it('semppl: c * (likelihood + w * semantic) + lambda * KL, and returns the queue candidates', async () => {
    const r = await firstStep(spec('semppl'));
    expect(r.metrics.semantic).toBeGreaterThan(0);
    expect(r.loss).toBeCloseTo(0.7 * (r.metrics.likelihood + 0.4 * r.metrics.semantic) + 1.3 * r.metrics.invariance, 5);
    expect(r.outputs.queue_candidates.dims).toEqual([B, 4]);
  });

  it('simclr: NT-Xent of a random encoder is finite and near its chance level', async () => {
    const r = await firstStep(spec('simclr'));
    expect(Number.isFinite(r.loss)).toBe(true);
    // NT-Xent over 2B views is at most log(2B - 1) plus the positive's margin; a random encoder sits near it.
    expect(r.loss).toBeGreaterThan(0.5 * Math.log(2 * B - 1));
  });

  it('refuses view counts an objective cannot use', () => {
    expect(() => checkViews('simclr', 2, 1)).toThrow(/exactly two large views/);
    expect(() => checkViews('relicv2', 1, 2)).toThrow(/at least 2/);
    expect(() => checkViews('relicv2', 3, 2)).not.toThrow();
  });
});
