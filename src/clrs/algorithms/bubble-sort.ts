/** bubble_sort: clrs `algorithms/sorting.py` bubble_sort. A hint after every comparison: 1 + n(n-1)/2 steps. */
import type { ClrsAlgorithm } from '../algorithm.js';
import { array, identity, maskOne } from '../probing.js';
import { type KeysInput, sampleKeys } from '../samplers.js';
import { startKeysSample } from './keys.js';

export const bubbleSort: ClrsAlgorithm<KeysInput> = {
  name: 'bubble_sort',
  family: 'sorting',
  multiplier: 1,
  sample: (n, rng) => sampleKeys(n, rng),
  run(input) {
    const { a, n, rec } = startKeysSample(this.name, input);
    const order = identity(n);
    rec.hint({ pred_h: array(order), i: maskOne(0, n), j: maskOne(0, n) });
    for (let i = 0; i < n - 1; i++) {
      for (let j = n - 1; j > i; j--) {
        if (a[j] < a[j - 1]) {
          [a[j], a[j - 1]] = [a[j - 1], a[j]];
          [order[j], order[j - 1]] = [order[j - 1], order[j]];
        }
        rec.hint({ pred_h: array(order), i: maskOne(order[i], n), j: maskOne(order[j], n) });
      }
    }
    rec.output('pred', array(order));
    return rec.finish();
  },
};
