/** Hint-ReLIC terms (src/clrs/model/hint-relic.ts): hand-computed values, gradients, and the stop-gradient side. */
import { describe, expect, it } from 'vitest';
import { classTerms, maskOneTerms, pointerTerms } from '../../src/clrs/model/hint-relic.js';
import { gradients } from '../../src/engine/autodiff.js';
import { Graph, type Value } from '../../src/engine/graph.js';
import { checkGradients } from '../engine/fd.js';
import { arr, f64, runGraph } from '../engine/helpers.js';

// One sample, n = 2 original nodes, m = 3 augmented nodes, H = 2. Original node 0 is augmented node 0, original 1
// is augmented 2 (augmented node 1 is the added one). Both original nodes' next pointer is node 1 (j* = 1), so the
// positive is augmented node map(1) = 2.
const MAP = [1, 0, 0, 0, 0, 1];
const TARGET = [0, 1, 0, 1];
// pairsO[i][u]: the anchors are (i, j*) = (0, 1) -> (1, 0) and (1, 1) -> (0, 2); the rest must not matter.
const PAIRS_O = [[[9, 9], [1, 0]], [[-9, 3], [0, 2]]].flat(2);
// pairsA[i'][u']: row map(0) = 0 and row map(1) = 2 are read; row 1 (the added node's) must not matter.
const PAIRS_A = [
  [[1, 0], [0, 1], [3, 0]],
  [[7, 7], [7, -7], [1, 1]],
  [[1, 0], [1, 0], [0, 5]],
].flat(2);
const LOGITS_O = [0, 1, 2, 0];
// Restricted to the original nodes: rows/columns (0, 2) -> [[1, 1], [0, 0]]: uniform in both rows.
const LOGITS_A = [1, 9, 1, -4, 4, 8, 0, 7, 0];
const TAU = 0.5;

type Terms = { contrastive: Value; invariance: Value };
function pointerGraph(weight = [1]): { g: Graph; terms: Terms; inputs: Value[] } {
  const g = new Graph({ floatType: 'float64', training: true });
  const inputs = [
    g.input('po', 'float64', [1, 2, 2, 2]),
    g.input('lo', 'float64', [1, 2, 2]),
    g.input('pa', 'float64', [1, 3, 3, 2]),
    g.input('la', 'float64', [1, 3, 3]),
  ];
  const [po, lo, pa, la] = inputs;
  const c = (v: number[], shape: number[]) => g.constant(v, 'float64', shape);
  const terms = pointerTerms(po, lo, pa, la, c(TARGET, [1, 2, 2]), c(MAP, [1, 2, 3]), c(weight, [1]), TAU);
  return { g, terms, inputs };
}
const feeds = (lo = LOGITS_O, la = LOGITS_A) => ({ po: f64([1, 2, 2, 2], PAIRS_O), lo: f64([1, 2, 2], lo), pa: f64([1, 3, 3, 2], PAIRS_A), la: f64([1, 3, 3], la) });

const logSoftmax = (r: number[]): number[] => {
  const m = Math.max(...r);
  const lse = m + Math.log(r.reduce((s, v) => s + Math.exp(v - m), 0));
  return r.map((v) => v - lse);
};
/** Mean over rows of KL(softmax(a_i) ‖ softmax(o_i)). */
const klRows = (a: number[][], o: number[][]): number =>
  a.reduce((s, row, i) => {
    const la = logSoftmax(row);
    const lo = logSoftmax(o[i]);
    return s + la.reduce((k, v, u) => k + Math.exp(v) * (v - lo[u]), 0);
  }, 0) / a.length;
/** The pointer example's restricted augmented logits (rows/columns map = [0, 2]) against the original's. */
const invarianceRef = (la: number[], lo: number[]): number =>
  klRows(
    [0, 2].map((i) => [0, 2].map((u) => la[i * 3 + u])),
    [0, 1].map((i) => lo.slice(i * 2, i * 2 + 2)),
  );

describe('Hint-ReLIC pointer terms', () => {
  it('match the hand-computed contrastive and KL values', async () => {
    const { g, terms } = pointerGraph();
    g.output('c', terms.contrastive);
    g.output('k', terms.invariance);
    const out = await runGraph(g, feeds());
    // Row 0: anchor (1, 0) against (1, 0), (0, 1), (1, 0): cosines 1, 0, 1 -> logits 2, 0, 2; positive u' = 2.
    // Row 1: anchor (0, 1) against (1, 0), (1, 0), (0, 1): cosines 0, 0, 1 -> logits 0, 0, 2; positive u' = 2.
    const row0 = Math.log(2 * Math.exp(2) + 1) - 2;
    const row1 = Math.log(2 + Math.exp(2)) - 2;
    expect(arr(out.c)[0]).toBeCloseTo((row0 + row1) / 2, 12);
    // Uniform against softmax(0, 1) and softmax(2, 0): KL = log((1 + e) / 2) - 1/2 in row 0; row 1 as log((1 + e^2)/2) - 1.
    const k0 = Math.log((1 + Math.E) / 2) - 0.5;
    const k1 = Math.log((1 + Math.exp(2)) / 2) - 1;
    expect(arr(out.k)[0]).toBeCloseTo((k0 + k1) / 2, 12);
    expect(arr(out.k)[0]).toBeCloseTo(invarianceRef(LOGITS_A, LOGITS_O), 12);
  });

  it('are zero for a sample without an augmentation (weight 0)', async () => {
    const { g, terms } = pointerGraph([0]);
    g.output('c', terms.contrastive);
    g.output('k', terms.invariance);
    const out = await runGraph(g, feeds());
    expect(arr(out.c)[0]).toBe(0);
    expect(arr(out.k)[0]).toBe(0);
  });

  it('contrastive term: gradients into both pair representations match finite differences', async () => {
    const r = await checkGradients({
      inputs: [{ shape: [1, 2, 2, 3] }, { shape: [1, 2, 2], fixed: true }, { shape: [1, 3, 3, 3] }, { shape: [1, 3, 3], fixed: true }],
      build: (g, [po, lo, pa, la]) => {
        const c = (v: number[], shape: number[]) => g.constant(v, 'float64', shape);
        return pointerTerms(po, lo, pa, la, c(TARGET, [1, 2, 2]), c(MAP, [1, 2, 3]), c([1], [1]), TAU).contrastive;
      },
    });
    expect(r.relError).toBeLessThan(1e-6);
  });

  it('KL term: autodiff equals finite differences with the original frozen, and nothing flows into the original', async () => {
    const { g, terms, inputs } = pointerGraph();
    const [gradLo, gradLa] = gradients(terms.invariance, [inputs[1], inputs[3]]);
    g.output('dla', gradLa!);
    const la = LOGITS_A.map((v, k) => v + 0.1 * Math.sin(k + 1)); // off the uniform point, where the gradient vanishes
    const out = await runGraph(g, feeds(LOGITS_O, la));
    const h = 1e-6;
    const numeric = la.map((_, k) => {
      const shifted = (d: number) => la.map((v, j) => (j === k ? v + d : v));
      return (invarianceRef(shifted(h), LOGITS_O) - invarianceRef(shifted(-h), LOGITS_O)) / (2 * h);
    });
    const analytic = arr(out.dla);
    expect(Math.hypot(...analytic.map((v, k) => v - numeric[k])) / Math.hypot(...numeric)).toBeLessThan(1e-7);
    // The original's logits receive no gradient at all (stop-gradient), though the KL does depend on them.
    expect(gradLo).toBeNull();
    const dlo = (invarianceRef(la, LOGITS_O.map((v, j) => (j === 0 ? v + h : v))) - invarianceRef(la, LOGITS_O.map((v, j) => (j === 0 ? v - h : v)))) / (2 * h);
    expect(Math.abs(dlo)).toBeGreaterThan(1e-3);
  });
});

describe('Hint-ReLIC mask_one and class terms', () => {
  it('mask_one contrastive term: gradients match finite differences', async () => {
    const r = await checkGradients({
      inputs: [{ shape: [2, 2, 3] }, { shape: [2, 2], fixed: true }, { shape: [2, 3, 3] }, { shape: [2, 3], fixed: true }],
      build: (g, [no, lo, na, la]) => {
        const c = (v: number[], shape: number[]) => g.constant(v, 'float64', shape);
        return maskOneTerms(no, lo, na, la, c([0, 1, 1, 0], [2, 2]), c([...MAP, 0, 1, 0, 0, 0, 1], [2, 2, 3]), c([1, 0.5], [2]), TAU).contrastive;
      },
    });
    expect(r.relError).toBeLessThan(1e-6);
  });

  it('mask: cross-entropy of the mapped augmented logits and the two-class KL, skipping masked entries', async () => {
    const g = new Graph({ floatType: 'float64' });
    const c = (v: number[], shape: number[]) => g.constant(v, 'float64', shape);
    // Original logits (0.5, -1); augmented (2, 9, -3) read at map = (0, 2): (2, -3). Targets (1, -1): node 1 masked.
    const t = classTerms('mask', c([0.5, -1], [1, 2]), c([2, 9, -3], [1, 3]), c([1, -1], [1, 2]), c(MAP, [1, 2, 3]), c([1], [1]));
    g.output('c', t.contrastive);
    g.output('k', t.invariance);
    const out = await runGraph(g, {});
    const sp = (x: number) => Math.log(1 + Math.exp(x));
    expect(arr(out.c)[0]).toBeCloseTo(sp(-2), 12);
    expect(arr(out.k)[0]).toBeCloseTo(klRows([[0, 2]], [[0, 0.5]]), 12);
  });
});
