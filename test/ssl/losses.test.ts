import { describe, expect, it } from 'vitest';
import { gradients } from '../../src/engine/autodiff.js';
import { Graph, type Value } from '../../src/engine/graph.js';
import { add, mul } from '../../src/engine/ops/index.js';
import { ntXent } from '../../src/ssl/nt-xent.js';
import { relicTerms } from '../../src/ssl/relic-loss.js';
import { labelsForPositives, semanticPositiveLoss, semanticTargets } from '../../src/ssl/semantic-positives.js';
import { checkGradients } from '../engine/fd.js';
import { arr, f64, i64, runGraph } from '../engine/helpers.js';

type Rows = number[][];
const norm = (r: number[]): number[] => {
  const n = Math.hypot(...r);
  return r.map((x) => x / n);
};
const cosLogits = (a: Rows, b: Rows, t: number): Rows => a.map((x) => b.map((y) => norm(x).reduce((s, v, k) => s + v * norm(y)[k], 0) / t));
const logSoftmaxRow = (r: number[]): number[] => {
  const m = Math.max(...r);
  const lse = m + Math.log(r.reduce((s, v) => s + Math.exp(v - m), 0));
  return r.map((v) => v - lse);
};
const flat = (r: Rows): number[] => r.flat();

// Independent float64 references of the three losses, straight from their definitions.
function ntXentRef(z1: Rows, z2: Rows, t: number): number {
  const z = [...z1, ...z2];
  const n = z.length;
  const s = cosLogits(z, z, t);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const others = s[i].filter((_, j) => j !== i);
    const pos = (i + n / 2) % n;
    const lse = logSoftmaxRow([s[i][pos], ...others.filter((_, k) => k !== (pos > i ? pos - 1 : pos))]);
    loss -= lse[0];
  }
  return loss / n;
}

/** cols[j][i] = log of the softmax over i of S[i][j]: the swapped pairing, the reference of the KL. */
function swappedRef(o: Rows, tg: Rows, t: number): Rows {
  const s = cosLogits(o, tg, t);
  return s[0].map((_, j) => logSoftmaxRow(s.map((r) => r[j])));
}

function relicRef(o: Rows, tg: Rows, t: number, cols = swappedRef(o, tg, t)): { likelihood: number; invariance: number } {
  const s = cosLogits(o, tg, t);
  const b = s.length;
  const rows = s.map(logSoftmaxRow);
  let likelihood = 0;
  let invariance = 0;
  for (let i = 0; i < b; i++) {
    likelihood -= rows[i][i];
    for (let j = 0; j < b; j++) invariance += Math.exp(rows[i][j]) * (rows[i][j] - cols[i][j]);
  }
  return { likelihood: likelihood / b, invariance: invariance / b };
}

function semanticRef(anchor: Rows, tg: Rows, labels: number[], queue: Rows, qLabels: number[], valid: number[], t: number): number {
  const p = cosLogits(anchor, queue, t);
  const s = cosLogits(anchor, tg, t);
  let total = 0;
  let anchors = 0;
  anchor.forEach((_, i) => {
    const neg = s[i].filter((_, j) => j !== i);
    const m = Math.max(...neg);
    const lse = m + Math.log(neg.reduce((a, v) => a + Math.exp(v - m), 0));
    const losses = queue.map((_, q) => (valid[q] && qLabels[q] === labels[i] ? -Math.log(Math.exp(p[i][q]) / (Math.exp(p[i][q]) + Math.exp(lse))) : null)).filter((x): x is number => x !== null);
    if (losses.length) {
      total += losses.reduce((a, b) => a + b, 0) / losses.length;
      anchors += 1;
    }
  });
  return anchors ? total / anchors : 0;
}

async function scalar(build: (g: Graph) => Value, feeds: Record<string, ReturnType<typeof f64> | ReturnType<typeof i64>>): Promise<number> {
  const g = new Graph({ floatType: 'float64', training: true });
  g.output('y', build(g));
  return arr((await runGraph(g, feeds)).y)[0];
}

const Z1 = [[0.3, -1.2, 0.5], [1.1, 0.4, -0.2], [-0.7, 0.9, 0.8]];
const Z2 = [[0.2, -0.9, 0.9], [0.8, 0.1, -0.6], [-0.3, 1.3, 0.1]];

describe('NT-Xent (SimCLR)', () => {
  it('equals log(1 + 2/e) for two orthogonal images seen identically at temperature 1', async () => {
    // Each view: positive cosine 1; negatives the other image's two views at cosine 0.
    const eye = [[1, 0], [0, 1]];
    const v = await scalar((g) => ntXent(g.input('a', 'float64', [2, 2]), g.input('b', 'float64', [2, 2]), 1), { a: f64([2, 2], flat(eye)), b: f64([2, 2], flat(eye)) });
    expect(v).toBeCloseTo(Math.log(1 + 2 / Math.E), 12);
  });
  it('matches the reference on a small batch', async () => {
    const v = await scalar((g) => ntXent(g.input('a', 'float64', [3, 3]), g.input('b', 'float64', [3, 3]), 0.5), { a: f64([3, 3], flat(Z1)), b: f64([3, 3], flat(Z2)) });
    expect(v).toBeCloseTo(ntXentRef(Z1, Z2, 0.5), 10);
  });
  it('has gradients that match finite differences', async () => {
    const r = await checkGradients({ inputs: [{ shape: [3, 4] }, { shape: [3, 4] }], build: (_g, [a, b]) => ntXent(a, b, 0.5) });
    expect(r.relError).toBeLessThan(1e-6);
  });
});

describe('ReLIC likelihood and KL invariance terms', () => {
  it('gives log(1 + 1/e) and zero KL when both views are the same orthogonal pair', async () => {
    const eye = [[1, 0], [0, 1]];
    const feeds = { a: f64([2, 2], flat(eye)), b: f64([2, 2], flat(eye)) };
    const terms = (g: Graph) => relicTerms(g.input('a', 'float64', [2, 2]), g.input('b', 'float64', [2, 2]), 1);
    expect(await scalar((g) => terms(g).likelihood, feeds)).toBeCloseTo(Math.log(1 + 1 / Math.E), 12);
    expect(await scalar((g) => terms(g).invariance, feeds)).toBeCloseTo(0, 12);
  });
  // A temperature that is exact in float32: ONNX Runtime folds the division into MatMul's float32 alpha.
  it('matches the reference on a small batch', async () => {
    const ref = relicRef(Z1, Z2, 0.25);
    const feeds = { a: f64([3, 3], flat(Z1)), b: f64([3, 3], flat(Z2)) };
    const terms = (g: Graph) => relicTerms(g.input('a', 'float64', [3, 3]), g.input('b', 'float64', [3, 3]), 0.25);
    expect(await scalar((g) => terms(g).likelihood, feeds)).toBeCloseTo(ref.likelihood, 10);
    expect(await scalar((g) => terms(g).invariance, feeds)).toBeCloseTo(ref.invariance, 10);
    expect(ref.invariance).toBeGreaterThan(1e-3);
  });
  it('has the gradient of likelihood + KL with the reference frozen (stop-gradient), by finite differences', async () => {
    const g = new Graph({ floatType: 'float64', training: true });
    const a = g.input('a', 'float64', [3, 3]);
    const terms = relicTerms(a, g.input('b', 'float64', [3, 3]), 0.5);
    g.output('grad', gradients(add(terms.likelihood, mul(terms.invariance, 2)), [a])[0]!);
    const analytic = arr((await runGraph(g, { a: f64([3, 3], flat(Z1)), b: f64([3, 3], flat(Z2)) })).grad);
    const frozen = swappedRef(Z1, Z2, 0.5);
    const f = (o: Rows): number => {
      const r = relicRef(o, Z2, 0.5, frozen);
      return r.likelihood + 2 * r.invariance;
    };
    const h = 1e-6;
    const numeric = flat(Z1).map((_, k) => {
      const shifted = (d: number): Rows => Z1.map((r, i) => r.map((v, j) => (i * 3 + j === k ? v + d : v)));
      return (f(shifted(h)) - f(shifted(-h))) / (2 * h);
    });
    const err = Math.hypot(...analytic.map((v, k) => v - numeric[k])) / Math.hypot(...numeric);
    expect(err).toBeLessThan(1e-7);
    // The KL really is differentiated on the online side only: its full derivative differs.
    const full = (o: Rows): number => {
      const r = relicRef(o, Z2, 0.5);
      return r.likelihood + 2 * r.invariance;
    };
    expect(Math.abs((full(Z1.map((r, i) => r.map((v, j) => (i + j === 0 ? v + h : v)))) - full(Z1.map((r, i) => r.map((v, j) => (i + j === 0 ? v - h : v))))) / (2 * h) - numeric[0])).toBeGreaterThan(1e-4);
  });
});

describe('SemPPL semantic positives', () => {
  const queue = [[1, 0, 0], [0, 1, 0], [0.9, 0.1, 0.2], [0, 0, 1]];
  const qLabels = [0, 1, 0, 2];
  it('pseudo-labels unlabelled anchors by their nearest valid queue entry and keeps given labels', async () => {
    const views = [[[0.1, 1, 0], [1, 0.2, 0], [0, 0.1, 1]]];
    const labels = [-1, 2, -1];
    const build = (valid: number[]) => (g: Graph) =>
      labelsForPositives(
        views.map((_, k) => g.input(`v${k}`, 'float64', [3, 3])),
        g.input('labels', 'int64', [3]),
        { embeddings: g.input('q', 'float64', [4, 3]), labels: g.input('ql', 'int64', [4]), valid: g.input('valid', 'float64', [4]) },
        3,
      );
    const run = async (valid: number[]) => {
      const g = new Graph({ floatType: 'float64' });
      g.output('y', build(valid)(g));
      const out = await runGraph(g, { v0: f64([3, 3], flat(views[0])), labels: i64([3], labels), q: f64([4, 3], flat(queue)), ql: i64([4], qLabels), valid: f64([4], valid) });
      return arr(out.y);
    };
    expect(await run([1, 1, 1, 1])).toEqual([1, 2, 2]);
    // Without the label-2 entry, the third anchor's nearest valid neighbour is entry 2 (label 0).
    expect(await run([1, 1, 1, 0])).toEqual([1, 2, 0]);
  });
  it('matches the reference loss, counting only valid same-label entries', async () => {
    const anchors = Z1;
    const labels = [0, 1, 2];
    const valid = [1, 1, 0, 1];
    const ref = semanticRef(anchors, Z2, labels, queue, qLabels, valid, 0.25);
    const v = await scalar(
      (g) => {
        const a = g.input('a', 'float64', [3, 3]);
        const queue = { embeddings: g.input('q', 'float64', [4, 3]), labels: g.input('ql', 'int64', [4]), valid: g.input('valid', 'float64', [4]) };
        return semanticPositiveLoss(a, g.input('t', 'float64', [3, 3]), semanticTargets(a, g.input('l', 'int64', [3]), queue, 0.25), 0.25);
      },
      { a: f64([3, 3], flat(anchors)), t: f64([3, 3], flat(Z2)), l: i64([3], labels), q: f64([4, 3], flat(queue)), ql: i64([4], qLabels), valid: f64([4], valid) },
    );
    expect(v).toBeCloseTo(ref, 10);
  });
  it('has gradients that match finite differences', async () => {
    const r = await checkGradients({
      inputs: [{ shape: [3, 4] }, { shape: [3, 4], fixed: true }, { shape: [3], int: [0, 1, 0] }, { shape: [5, 4], fixed: true }, { shape: [5], int: [0, 1, 1, 0, 2] }, { shape: [5], fixed: true, gen: 'positive' }],
      build: (_g, [a, t, l, q, ql, valid]) => semanticPositiveLoss(a, t, semanticTargets(a, l, { embeddings: q, labels: ql, valid }, 0.5), 0.5),
    });
    expect(r.relError).toBeLessThan(1e-6);
  });
});
