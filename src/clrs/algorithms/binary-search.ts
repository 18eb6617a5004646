/**
 * binary_search: clrs `algorithms/searching.py` binary_search, the leftmost position whose key is >= target
 * (the last position when none is). 1 + ceil(log2 n)-ish hint steps.
 */
import type { ClrsAlgorithm } from '../algorithm.js';
import { array, identity, maskOne, positions } from '../probing.js';
import { SampleRecorder } from '../sample.js';
import { randomSequence } from '../samplers.js';
import { SPECS } from '../specs.js';

export interface SearchInput {
  /** Sorted ascending. */
  readonly key: Float64Array;
  readonly target: number;
}

export const binarySearch: ClrsAlgorithm<SearchInput> = {
  name: 'binary_search',
  family: 'searching',
  multiplier: 64,
  // SearchSampler: the keys are drawn first and sorted, then the target
  sample(n, rng) {
    const key = randomSequence(rng, n).sort();
    return { key, target: rng.uniform() };
  },
  run(input) {
    const { key: a, target: x } = input;
    const n = a.length;
    const rec = new SampleRecorder(this.name, SPECS[this.name], n);
    const pred = array(identity(n));
    rec.input('pos', positions(n));
    rec.input('key', a);
    rec.input('target', [x]);
    rec.hint({ pred_h: pred, low: maskOne(0, n), high: maskOne(n - 1, n), mid: maskOne((n - 1) >> 1, n) });
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (x <= a[mid]) high = mid;
      else low = mid + 1;
      rec.hint({ pred_h: pred, low: maskOne(low, n), high: maskOne(high, n), mid: maskOne((low + high) >> 1, n) });
    }
    rec.output('return', maskOne(high, n));
    return rec.finish();
  },
};
