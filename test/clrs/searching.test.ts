import { describe, expect, it } from 'vitest';
import { binarySearch } from '../../src/clrs/algorithms/binary-search.js';
import { minimum } from '../../src/clrs/algorithms/minimum.js';
import { quickselect } from '../../src/clrs/algorithms/quickselect.js';
import { expectDeterministic, expectMatchesSpec, oneHot, samplesOf } from './helpers.js';

describe('minimum', () => {
  it('finds the smallest key in n hint steps', () => {
    for (const n of [1, 4, 16]) {
      for (const s of samplesOf(minimum, n, 10)) {
        expectMatchesSpec(s);
        const key = Array.from(s.inputs.key);
        expect(oneHot(s.outputs.min)).toBe(key.indexOf(Math.min(...key)));
        expect(s.length).toBe(n);
        expect(Array.from(s.hints.min_h[n - 1])).toEqual(Array.from(s.outputs.min));
      }
    }
  });
  it('is deterministic by seed', () => expectDeterministic(minimum, 8));
});

describe('binary_search', () => {
  it('samples sorted keys and returns the first position whose key is >= target (the last if none)', () => {
    for (const n of [1, 2, 9, 16]) {
      for (const s of samplesOf(binarySearch, n, 20)) {
        expectMatchesSpec(s);
        const key = Array.from(s.inputs.key);
        expect(key).toEqual([...key].sort((a, b) => a - b));
        const target = s.inputs.target[0];
        const first = key.findIndex((k) => k >= target);
        expect(oneHot(s.outputs.return)).toBe(first < 0 ? n - 1 : first);
        expect(s.length).toBeLessThanOrEqual(1 + Math.ceil(Math.log2(n)));
      }
    }
  });
  it('is deterministic by seed', () => expectDeterministic(binarySearch, 8));
});

describe('quickselect', () => {
  it('selects the key of rank floor(n/2)', () => {
    for (const n of [1, 2, 5, 16]) {
      for (const s of samplesOf(quickselect, n, 10)) {
        expectMatchesSpec(s);
        const key = Array.from(s.inputs.key);
        expect(key[oneHot(s.outputs.median)]).toBe([...key].sort((a, b) => a - b)[Math.floor(n / 2)]);
        for (const t of s.hints.target) expect(t[0] * n).toBeLessThan(n);
      }
    }
  });
  it('is deterministic by seed', () => expectDeterministic(quickselect, 8));
});
