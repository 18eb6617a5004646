import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { bubbleSort } from '../../src/clrs/algorithms/bubble-sort.js';
import { heapsort } from '../../src/clrs/algorithms/heapsort.js';
import { insertionSort } from '../../src/clrs/algorithms/insertion-sort.js';
import { quicksort } from '../../src/clrs/algorithms/quicksort.js';
import { expectDeterministic, expectMatchesSpec, oneHot, orderFromPred, samplesOf } from './helpers.js';

const SORTS = [insertionSort, bubbleSort, heapsort, quicksort];

/** Hint steps of the reference heapsort, counted on a plain heapsort: 1 + heapify calls + root swaps. */
function heapsortSteps(keys: Float64Array): number {
  const a = Array.from(keys);
  let steps = 1;
  const heapify = (i: number, size: number): void => {
    steps += 1;
    const l = 2 * i + 1;
    const r = l + 1;
    let m = l < size && a[l] > a[i] ? l : i;
    if (r < size && a[r] > a[m]) m = r;
    if (m !== i) {
      [a[i], a[m]] = [a[m], a[i]];
      heapify(m, size);
    }
  };
  for (let i = a.length - 1; i >= 0; i--) heapify(i, a.length);
  for (let end = a.length - 1; end >= 1; end--) {
    [a[0], a[end]] = [a[end], a[0]];
    steps += 1;
    heapify(0, end);
  }
  return steps;
}

/** Hint steps of the reference quicksort: per partition of a[p..r], r - p comparisons plus the pivot swap. */
function quicksortSteps(keys: Float64Array): number {
  const a = Array.from(keys);
  let steps = 0;
  const sort = (p: number, r: number): void => {
    if (p >= r) return;
    steps += r - p + 1;
    let i = p - 1;
    for (let j = p; j < r; j++) if (a[j] <= a[r]) [a[++i], a[j]] = [a[j], a[i + 1]];
    [a[i + 1], a[r]] = [a[r], a[i + 1]];
    sort(p, i);
    sort(i + 2, r);
  };
  sort(0, a.length - 1);
  return steps;
}

describe.each(SORTS)('$name', (alg) => {
  it('outputs the sorted order as predecessor pointers, and the last hint agrees', () => {
    for (const n of [2, 5, 16]) {
      for (const s of samplesOf(alg, n, 10)) {
        expectMatchesSpec(s);
        const key = s.inputs.key;
        const order = orderFromPred(s.outputs.pred);
        const sorted = order.map((i) => key[i]);
        expect(sorted).toEqual(Array.from(key).sort((x, y) => x - y));
        expect(Array.from(s.hints.pred_h[s.length - 1])).toEqual(Array.from(s.outputs.pred));
        expect(Array.from(s.inputs.pos)).toEqual(Array.from({ length: n }, (_, i) => i / n));
      }
    }
  });

  it('is deterministic by seed', () => expectDeterministic(alg, 8));
});

describe('hint lengths', () => {
  it('insertion sort: n; bubble sort: 1 + n(n-1)/2', () => {
    for (const n of [1, 2, 7, 16]) {
      expect(insertionSort.run(insertionSort.sample(n, new Rng(n))).length).toBe(n);
      expect(bubbleSort.run(bubbleSort.sample(n, new Rng(n))).length).toBe(1 + (n * (n - 1)) / 2);
    }
    expect(samplesOf(bubbleSort, 16, 1)[0].length).toBe(121);
  });

  it('heapsort: 1 + max-heapify calls + root swaps; quicksort: comparisons + pivot swaps', () => {
    for (const s of samplesOf(heapsort, 13, 5)) expect(s.length).toBe(heapsortSteps(s.inputs.key));
    for (const s of samplesOf(quicksort, 13, 5)) expect(s.length).toBe(quicksortSteps(s.inputs.key));
  });
});

describe('trajectories as the method note describes them (§2.8)', () => {
  it('insertion sort: i marks the slot node the key displaced, j the iterator', () => {
    const s = insertionSort.run({ key: Float64Array.from([0.3, 0.1, 0.2]) });
    // step 0: identity chain, i = j = node 0
    expect(Array.from(s.hints.pred_h[0])).toEqual([0, 0, 1]);
    expect([oneHot(s.hints.i[0]), oneHot(s.hints.j[0])]).toEqual([0, 0]);
    // j = 1: key 0.1 goes first, displacing node 0: order 1, 0, 2
    expect(Array.from(s.hints.pred_h[1])).toEqual([1, 1, 0]);
    expect([oneHot(s.hints.i[1]), oneHot(s.hints.j[1])]).toEqual([0, 1]);
    // j = 2: key 0.2 goes between 0.1 and 0.3, displacing node 0: order 1, 2, 0
    expect(Array.from(s.hints.pred_h[2])).toEqual([2, 1, 1]);
    expect([oneHot(s.hints.i[2]), oneHot(s.hints.j[2])]).toEqual([0, 2]);
  });

  it('bubble sort: a hint after every comparison, swapped or not, with i and j the nodes at positions i and j', () => {
    const s = bubbleSort.run({ key: Float64Array.from([0.1, 0.3, 0.2]) });
    expect(s.length).toBe(4);
    // i = 0, j = 2: 0.2 < 0.3 swaps; order 0, 2, 1
    expect(Array.from(s.hints.pred_h[1])).toEqual([0, 2, 0]);
    expect([oneHot(s.hints.i[1]), oneHot(s.hints.j[1])]).toEqual([0, 1]);
    // i = 0, j = 1: no swap
    expect(Array.from(s.hints.pred_h[2])).toEqual([0, 2, 0]);
    expect([oneHot(s.hints.i[2]), oneHot(s.hints.j[2])]).toEqual([0, 2]);
  });

  it('heapsort: the first hint marks the last node everywhere, phase 0', () => {
    const s = heapsort.run({ key: Float64Array.from([0.5, 0.2, 0.9, 0.1]) });
    for (const h of ['i', 'j', 'largest', 'heap_size']) expect(oneHot(s.hints[h][0])).toBe(3);
    expect(s.hints.phase[0][0]).toBe(0);
    expect(new Set(s.hints.phase.map((p) => p[0]))).toEqual(new Set([0, 1, 2]));
    expect(Array.from(s.hints.parent[0])).toEqual([0, 0, 0, 1]);
  });
});
