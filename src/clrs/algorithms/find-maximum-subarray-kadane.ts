/** find_maximum_subarray_kadane: clrs `algorithms/divide_and_conquer.py` Kadane's scan. n hint steps. */
import type { ClrsAlgorithm } from '../algorithm.js';
import { array, identity, maskOne, positions } from '../probing.js';
import { SampleRecorder } from '../sample.js';
import { type KeysInput, sampleKeys } from '../samplers.js';
import { SPECS } from '../specs.js';

export const findMaximumSubarrayKadane: ClrsAlgorithm<KeysInput> = {
  name: 'find_maximum_subarray_kadane',
  family: 'divide_and_conquer',
  multiplier: 32,
  // MaxSubarraySampler: U[-1, 1]
  sample: (n, rng) => sampleKeys(n, rng, -1, 1),
  run(input) {
    const a = input.key;
    const n = a.length;
    const rec = new SampleRecorder(this.name, SPECS[this.name], n);
    const pred = array(identity(n));
    rec.input('pos', positions(n));
    rec.input('key', a);
    let bestLow = 0;
    let bestHigh = 0;
    let bestSum = a[0];
    let i = 0;
    let sum = a[0];
    const push = (j: number): void =>
      rec.hint({
        pred_h: pred,
        best_low: maskOne(bestLow, n),
        best_high: maskOne(bestHigh, n),
        best_sum: [bestSum],
        i: maskOne(i, n),
        j: maskOne(j, n),
        sum: [sum],
      });
    push(0);
    for (let j = 1; j < n; j++) {
      const x = a[j];
      if (sum + x >= x) sum += x;
      else {
        i = j;
        sum = x;
      }
      if (sum > bestSum) {
        bestLow = i;
        bestHigh = j;
        bestSum = sum;
      }
      push(j);
    }
    rec.output('start', maskOne(bestLow, n));
    rec.output('end', maskOne(bestHigh, n));
    return rec.finish();
  },
};
