import { describe, expect, it } from 'vitest';
import { findMaximumSubarrayKadane } from '../../src/clrs/algorithms/find-maximum-subarray-kadane.js';
import { expectDeterministic, expectMatchesSpec, oneHot, samplesOf } from './helpers.js';

function bruteMaxSum(a: readonly number[]): number {
  let best = -Infinity;
  for (let i = 0; i < a.length; i++) {
    let sum = 0;
    for (let j = i; j < a.length; j++) best = Math.max(best, (sum += a[j]));
  }
  return best;
}

describe('find_maximum_subarray_kadane', () => {
  it('finds a subarray of maximum sum (brute force), in n hint steps, keys in U[-1, 1]', () => {
    for (const n of [1, 3, 16]) {
      for (const s of samplesOf(findMaximumSubarrayKadane, n, 20)) {
        expectMatchesSpec(s);
        const key = Array.from(s.inputs.key);
        expect(key.every((k) => k >= -1 && k < 1)).toBe(true);
        const [start, end] = [oneHot(s.outputs.start), oneHot(s.outputs.end)];
        expect(start).toBeLessThanOrEqual(end);
        const sum = key.slice(start, end + 1).reduce((x, y) => x + y, 0);
        expect(sum).toBeCloseTo(bruteMaxSum(key), 12);
        expect(s.hints.best_sum[n - 1][0]).toBeCloseTo(sum, 12);
        expect(s.length).toBe(n);
      }
    }
  });
  it('is deterministic by seed', () => expectDeterministic(findMaximumSubarrayKadane, 8));
});
