/** minimum: clrs `algorithms/searching.py` minimum. n hint steps. */
import type { ClrsAlgorithm } from '../algorithm.js';
import { array, identity, maskOne } from '../probing.js';
import { type KeysInput, sampleKeys } from '../samplers.js';
import { startKeysSample } from './keys.js';

export const minimum: ClrsAlgorithm<KeysInput> = {
  name: 'minimum',
  family: 'searching',
  multiplier: 64,
  sample: (n, rng) => sampleKeys(n, rng),
  run(input) {
    const { a, n, rec } = startKeysSample(this.name, input);
    const pred = array(identity(n));
    rec.hint({ pred_h: pred, min_h: maskOne(0, n), i: maskOne(0, n) });
    let min = 0;
    for (let i = 1; i < n; i++) {
      if (a[min] > a[i]) min = i;
      rec.hint({ pred_h: pred, min_h: maskOne(min, n), i: maskOne(i, n) });
    }
    rec.output('min', maskOne(min, n));
    return rec.finish();
  },
};
