/** minimum: clrs `algorithms/searching.py` minimum. n hint steps. */
import type { ClrsAlgorithm } from '../algorithm.js';
import { array, identity, maskOne, positions } from '../probing.js';
import { SampleRecorder } from '../sample.js';
import { type KeysInput, sampleKeys } from '../samplers.js';
import { SPECS } from '../specs.js';

export const minimum: ClrsAlgorithm<KeysInput> = {
  name: 'minimum',
  family: 'searching',
  multiplier: 64,
  sample: (n, rng) => sampleKeys(n, rng),
  run(input) {
    const a = input.key;
    const n = a.length;
    const rec = new SampleRecorder(this.name, SPECS[this.name], n);
    const pred = array(identity(n));
    rec.input('pos', positions(n));
    rec.input('key', a);
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
