/** quicksort: clrs `algorithms/sorting.py` quicksort (Lomuto partition). No initial hint: n >= 2. */
import type { ClrsAlgorithm } from '../algorithm.js';
import { array, identity } from '../probing.js';
import { type KeysInput, sampleKeys } from '../samplers.js';
import { startKeysSample } from './keys.js';
import { partition } from './partition.js';

export const quicksort: ClrsAlgorithm<KeysInput> = {
  name: 'quicksort',
  family: 'sorting',
  multiplier: 1,
  minN: 2,
  sample: (n, rng) => sampleKeys(n, rng),
  run(input) {
    const { a, n, rec } = startKeysSample(this.name, input);
    const order = identity(n);
    const sort = (p: number, r: number): void => {
      if (p >= r) return;
      const q = partition(a, order, p, r, (hint) => rec.hint(hint));
      sort(p, q - 1);
      sort(q + 1, r);
    };
    sort(0, n - 1);
    rec.output('pred', array(order));
    return rec.finish();
  },
};
