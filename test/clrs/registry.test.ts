import { describe, expect, it } from 'vitest';
import { ALGORITHMS, CLRS_30_ALGS, algorithm } from '../../src/clrs/algorithms/index.js';
import { SPECS } from '../../src/clrs/specs.js';
import { sampleAt, splitPlan } from '../../src/clrs/splits.js';
import { UsageError } from '../../src/common/errors.js';
import { expectMatchesSpec } from './helpers.js';

const MINE = [
  'insertion_sort', 'bubble_sort', 'heapsort', 'quicksort', 'minimum', 'binary_search', 'quickselect',
  'find_maximum_subarray_kadane', 'activity_selector', 'task_scheduling', 'matrix_chain_order', 'lcs_length',
  'optimal_bst', 'naive_string_matcher', 'kmp_matcher', 'segments_intersect', 'graham_scan', 'jarvis_march',
];

describe('the CLRS-30 registry', () => {
  it('lists the 30 algorithms in the benchmark order, each with a spec', () => {
    expect(ALGORITHMS.map((a) => a.name)).toEqual([...CLRS_30_ALGS]);
    for (const a of ALGORITHMS) expect(SPECS[a.name]).toBeDefined();
  });

  it('has the benchmark multipliers (specs.CLRS_30_ALGS_SETTINGS)', () => {
    const multipliers = Object.fromEntries(ALGORITHMS.map((a) => [a.name, a.multiplier]));
    for (const name of ['quickselect', 'minimum', 'binary_search', 'naive_string_matcher', 'kmp_matcher', 'segments_intersect']) {
      expect(multipliers[name]).toBe(64);
    }
    expect(multipliers.find_maximum_subarray_kadane).toBe(32);
    expect(Object.values(multipliers).filter((m) => m === 1)).toHaveLength(23);
  });

  it('refuses an unknown name with one line listing the valid ones', () => {
    expect(() => algorithm('shell_sort')).toThrow(UsageError);
    expect(() => algorithm('shell_sort')).toThrow(/^unknown CLRS algorithm 'shell_sort'; valid: .*insertion_sort/);
  });

  it.each(MINE)('%s: samples at its smallest n and at n = 16 match the spec', (name) => {
    const alg = algorithm(name);
    for (const n of [alg.minN ?? 1, 16]) expectMatchesSpec(sampleAt(alg, n, 5, 0));
  });
});

describe('splits', () => {
  it('train 1000 at 16 seed 1; val and test 32 x multiplier at 16 and 64, seeds 2 and 3', () => {
    const kmp = algorithm('kmp_matcher');
    expect(splitPlan(kmp, 'train')).toEqual({ n: 16, count: 1000, seed: 1 });
    expect(splitPlan(kmp, 'val')).toEqual({ n: 16, count: 2048, seed: 2 });
    expect(splitPlan(kmp, 'test')).toEqual({ n: 64, count: 2048, seed: 3 });
    expect(splitPlan(algorithm('insertion_sort'), 'test')).toEqual({ n: 64, count: 32, seed: 3 });
  });

  it('sample i depends only on (seed, algorithm, i)', () => {
    const alg = algorithm('bubble_sort');
    expect(sampleAt(alg, 6, 1, 3)).toEqual(sampleAt(alg, 6, 1, 3));
    expect(sampleAt(alg, 6, 1, 3)).not.toEqual(sampleAt(alg, 6, 1, 4));
  });
});
