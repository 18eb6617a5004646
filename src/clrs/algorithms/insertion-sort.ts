/** insertion_sort: clrs `algorithms/sorting.py` insertion_sort. n hint steps. */
import type { ClrsAlgorithm } from '../algorithm.js';
import { array, identity, maskOne } from '../probing.js';
import { type KeysInput, sampleKeys } from '../samplers.js';
import { startKeysSample } from './keys.js';

export const insertionSort: ClrsAlgorithm<KeysInput> = {
  name: 'insertion_sort',
  family: 'sorting',
  multiplier: 1,
  sample: (n, rng) => sampleKeys(n, rng),
  run(input) {
    const { a, n, rec } = startKeysSample(this.name, input);
    const order = identity(n);
    rec.hint({ pred_h: array(order), i: maskOne(0, n), j: maskOne(0, n) });
    for (let j = 1; j < n; j++) {
      const key = a[j];
      let i = j - 1;
      while (i >= 0 && a[i] > key) {
        a[i + 1] = a[i];
        order[i + 1] = order[i];
        i -= 1;
      }
      a[i + 1] = key;
      // `i` marks the node that held the slot before the key moved in: the node now right after it (or j itself)
      const slot = order[i + 1];
      order[i + 1] = j;
      rec.hint({ pred_h: array(order), i: maskOne(slot, n), j: maskOne(j, n) });
    }
    rec.output('pred', array(order));
    return rec.finish();
  },
};
