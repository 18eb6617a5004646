import { describe, expect, it } from 'vitest';
import { Graph } from '../../src/engine/graph.js';
import * as nn from '../../src/engine/nn/index.js';
import * as op from '../../src/engine/ops/index.js';
import { sgd } from '../../src/engine/optim/index.js';
import { ort } from '../../src/engine/runtime.js';
import { buildTrainStep, TrainStep } from '../../src/engine/train-step.js';
import { cosineEmaDecay } from '../../src/ssl/ema-schedule.js';
import { LabelQueue } from '../../src/ssl/label-queue.js';
import { TARGET_PREFIX } from '../../src/ssl/networks.js';

/** An online linear layer and its frozen copy; the loss pulls the online output towards the target's. */
function build(g: Graph) {
  const x = g.input('x', 'float32', [2, 3]);
  const onlineOut = new nn.Linear(g, 'lin', 3, 2).apply(x);
  const before = new Set(g.params.keys());
  const targetOut = g.frozen(TARGET_PREFIX, () => new nn.Linear(g, 'lin', 3, 2).apply(x));
  const emaTargets = Object.fromEntries([...g.params.keys()].filter((k) => !before.has(k)).map((k) => [k, k.slice(TARGET_PREFIX.length)]));
  const loss = op.reduceMean(op.mul(op.sub(onlineOut, targetOut), op.sub(onlineOut, targetOut)));
  return { loss: op.add(loss, op.reduceMean(onlineOut)), outputs: { target: targetOut }, emaTargets };
}

describe('target networks in the step graph', () => {
  const batch = { x: new ort.Tensor('float32', Float32Array.from([1, 2, 3, -1, 0.5, 2]), [2, 3]) };

  it('start as a copy of the online weights, get no gradient, and follow them by EMA', async () => {
    const built = buildTrainStep({ build, optimizer: sgd({ momentum: 0, weightDecay: 0 }) });
    const g = built.graph;
    expect(g.params.get('target.lin.weight')!.trainable).toBe(false);
    expect(built.layout.extras).toEqual(['target']);
    const step = await TrainStep.create(built, { seed: 1, threads: 1 });
    const p0 = step.parameters();
    expect(Array.from(p0.get('target.lin.weight')!.data as Float32Array)).toEqual(Array.from(p0.get('lin.weight')!.data as Float32Array));
    const r = await step.run(batch, 0.1, { emaDecay: 0.9 });
    expect(r.outputs.target.dims).toEqual([2, 2]);
    const p1 = step.parameters();
    const online0 = p0.get('lin.weight')!.data as Float32Array;
    const online1 = p1.get('lin.weight')!.data as Float32Array;
    const target1 = p1.get('target.lin.weight')!.data as Float32Array;
    expect(online1.some((v, i) => v !== online0[i])).toBe(true);
    for (let i = 0; i < online1.length; i++) expect(target1[i]).toBeCloseTo(0.9 * online0[i] + 0.1 * online1[i], 6);
    await step.release();
  });

  it('refuse nested frozen scopes', () => {
    const g = new Graph();
    expect(() => g.frozen('a.', () => g.frozen('b.', () => 0))).toThrow(/do not nest/);
  });
});

describe('EMA schedule and label queue', () => {
  it('the decay rises from the base to 1 on a cosine', () => {
    const d = cosineEmaDecay(0.99, 100);
    expect(d(0)).toBeCloseTo(0.99, 12);
    expect(d(50)).toBeCloseTo(0.995, 12);
    expect(d(100)).toBeCloseTo(1, 12);
  });

  it('the queue keeps the newest labelled rows, FIFO, and restores from its state', () => {
    const q = new LabelQueue(3, 2);
    q.push(Float32Array.from([1, 1, 2, 2, 3, 3]), [0, -1, 1]);
    expect(Array.from(q.valid)).toEqual([1, 1, 0]);
    q.push(Float32Array.from([4, 4, 5, 5]), [2, 3]);
    // Slot 0 <- [1, 1], slot 1 <- [3, 3] (the unlabelled row is skipped), slot 2 <- [4, 4]; [5, 5] replaces the oldest.
    expect(Array.from(q.embeddings)).toEqual([5, 5, 3, 3, 4, 4]);
    expect(Array.from(q.labels, Number)).toEqual([3, 1, 2]);
    const copy = new LabelQueue(3, 2);
    copy.restore(q.state());
    copy.push(Float32Array.from([6, 6]), [4]);
    expect(Array.from(copy.embeddings)).toEqual([5, 5, 6, 6, 4, 4]);
  });
});
