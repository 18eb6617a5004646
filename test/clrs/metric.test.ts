import { describe, expect, it } from 'vitest';
import { benchmarkScore, f1, maskedEntries, ProbeScorer } from '../../src/clrs/metric.js';
import { cyclicPredecessors, decodeHard, fusePermutation, permutationHead } from '../../src/clrs/model/batch.js';
import type { ProbeSpec } from '../../src/clrs/probe-spec.js';

const f = (...xs: number[]) => Float64Array.from(xs);
const spec = (location: ProbeSpec['location'], type: ProbeSpec['type']): ProbeSpec => ({ stage: 'output', location, type });
const sample = (n: number, inputs: Record<string, Float64Array> = {}) => ({ n, inputs });

describe('CLRS metric (evaluation.py)', () => {
  it('F1 counts an empty precision or recall denominator as 1', () => {
    expect(f1(2, 1, 1)).toBeCloseTo(2 / 3, 12);
    expect(f1(3, 1, 0)).toBeCloseTo((2 * 0.75 * 1) / 1.75, 12);
    expect(f1(0, 0, 0)).toBe(1); // nothing predicted, nothing true
    expect(f1(0, 2, 0)).toBe(0); // precision 0, recall 1 (empty)
    expect(f1(0, 0, 3)).toBe(0); // precision 1 (empty), recall 0
  });

  it('pools pointer accuracy over all samples instead of averaging per sample', () => {
    const s = new ProbeScorer('bfs');
    s.add('pi', spec('node', 'pointer'), sample(4), f(0, 0, 1, 2), f(0, 0, 1, 3)); // 3 of 4
    s.add('pi', spec('node', 'pointer'), sample(2), f(0, 0), f(1, 0)); // 1 of 2
    const r = s.scores().pi;
    expect(r).toEqual({ type: 'pointer', metric: 'accuracy', value: 4 / 6, count: 6 });
  });

  it('scores masks by micro F1 over all entries, mask_one by argmax, scalars by MSE', () => {
    const s = new ProbeScorer('activity_selector');
    s.add('selected', spec('node', 'mask'), sample(4), f(1, 0, 1, 0), f(1, 1, 0, 0)); // tp 1 fp 1 fn 1
    s.add('selected', spec('node', 'mask'), sample(3), f(1, 1, 0), f(1, 1, 0)); // tp 2
    s.add('min', spec('node', 'mask_one'), sample(3), f(0, 1, 0), f(0, 1, 0));
    s.add('min', spec('node', 'mask_one'), sample(3), f(1, 0, 0), f(0, 0, 1));
    s.add('d', spec('node', 'scalar'), sample(2), f(1, 2), f(1.5, 2));
    const r = s.scores();
    expect(r.selected.value).toBeCloseTo(f1(3, 1, 1), 12);
    expect(r.selected.value).toBeCloseTo(0.75, 12);
    expect(r.min).toMatchObject({ metric: 'accuracy', value: 0.5, count: 2 });
    expect(r.d).toMatchObject({ metric: 'mse', value: 0.125 });
    expect(benchmarkScore({ a: r.selected, b: r.min })).toBeCloseTo(0.625, 12);
  });

  it('skips the entries CLRS masks: bridges non-edges and the lcs blank class', () => {
    const adj = f(1, 1, 0, 1, 1, 1, 0, 1, 1);
    const truth = f(0, 1, 0, 1, 0, 0, 0, 0, 0); // 0 on the non-edges (0,2) and (2,0) means masked there
    const pred = f(0, 1, 1, 1, 0, 0, 1, 0, 0); // predicts bridges on both non-edges
    const s = new ProbeScorer('bridges');
    s.add('is_bridge', spec('edge', 'mask'), sample(3, { adj }), truth, pred);
    expect(s.scores().is_bridge).toMatchObject({ value: 1, count: 7 });
    expect(maskedEntries('bridges', 'is_bridge_h', { inputs: { adj } }, truth)!(2)).toBe(true);

    const lcs = new ProbeScorer('lcs_length');
    lcs.add('b', spec('edge', 'categorical'), sample(2), f(0, 3, 2, 3), f(0, 1, 1, 0));
    expect(lcs.scores().b).toMatchObject({ metric: 'accuracy', value: 0.5, count: 2 });
  });

  it('fuses a permutation and its head mask into predecessor pointers', () => {
    // order 2 -> 0 -> 3 -> 1: pred = [2, 3, 2, 0], head 2 points at itself
    const pred = f(2, 3, 2, 0);
    const cyclic = cyclicPredecessors(pred);
    expect(Array.from(cyclic)).toEqual([2, 3, 1, 0]); // the head points at the tail, node 1
    expect(Array.from(permutationHead(pred))).toEqual([0, 0, 1, 0]);
    expect(Array.from(fusePermutation(Float64Array.from(cyclic), permutationHead(pred)))).toEqual([2, 3, 2, 0]);
  });

  it('decodes logits to hard values in the sample layout', () => {
    const n = 3;
    const pointer = { name: 'pi', stage: 'output', location: 'node', type: 'pointer', source: 'pi' } as const;
    expect(Array.from(decodeHard(pointer, Float32Array.of(0, 2, 1, 5, 0, 0, -1, -2, 0), n))).toEqual([1, 0, 2]);
    const mask = { ...pointer, type: 'mask' } as const;
    expect(Array.from(decodeHard(mask, Float32Array.of(0.3, -0.1, 0), n))).toEqual([1, 0, 0]);
    const one = { ...pointer, type: 'mask_one' } as const;
    expect(Array.from(decodeHard(one, Float32Array.of(0.3, 0.9, 0), n))).toEqual([0, 1, 0]);
  });
});
