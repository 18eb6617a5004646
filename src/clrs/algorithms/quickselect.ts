/** quickselect: clrs `algorithms/searching.py` quickselect for the element of rank floor(n/2) (the "median"). */
import type { ClrsAlgorithm } from '../algorithm.js';
import { identity, maskOne } from '../probing.js';
import { type KeysInput, sampleKeys } from '../samplers.js';
import { startKeysSample } from './keys.js';
import { partition } from './partition.js';

export const quickselect: ClrsAlgorithm<KeysInput> = {
  name: 'quickselect',
  family: 'searching',
  multiplier: 64,
  sample: (n, rng) => sampleKeys(n, rng),
  run(input) {
    const { a, n, rec } = startKeysSample(this.name, input);
    const order = identity(n);
    let p = 0;
    let r = n - 1;
    let rank = n >> 1;
    for (;;) {
      const target = rank;
      const q = partition(a, order, p, r, (hint, iRank) => rec.hint({ ...hint, i_rank: [iRank], target: [target / n] }));
      const k = q - p;
      if (rank === k) {
        rec.output('median', maskOne(order[q], n));
        return rec.finish();
      }
      if (rank < k) r = q - 1;
      else {
        rank = rank - k - 1;
        p = q + 1;
      }
    }
  },
};
