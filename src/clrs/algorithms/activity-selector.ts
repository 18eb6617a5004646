/**
 * activity_selector: clrs `algorithms/greedy.py` activity_selector (greedy by finish time). n + 1 hint steps: an
 * empty selection, the first activity, then one per remaining activity in finish order.
 */
import type { ClrsAlgorithm } from '../algorithm.js';
import { argsort, array, identity, maskOne, positions } from '../probing.js';
import { SampleRecorder } from '../sample.js';
import { randomSequence } from '../samplers.js';
import { SPECS } from '../specs.js';

export interface ActivityInput {
  readonly s: Float64Array;
  readonly f: Float64Array;
}

export const activitySelector: ClrsAlgorithm<ActivityInput> = {
  name: 'activity_selector',
  family: 'greedy',
  multiplier: 1,
  // ActivitySampler: two U[0,1] arrays; start = elementwise min, finish = elementwise max
  sample(n, rng) {
    const a = randomSequence(rng, n);
    const b = randomSequence(rng, n);
    return { s: a.map((v, i) => Math.min(v, b[i])), f: a.map((v, i) => Math.max(v, b[i])) };
  },
  run(input) {
    const { s, f } = input;
    const n = s.length;
    const rec = new SampleRecorder(this.name, SPECS[this.name], n);
    const pred = array(identity(n));
    rec.input('pos', positions(n));
    rec.input('s', s);
    rec.input('f', f);
    const selected = new Array<number>(n).fill(0);
    rec.hint({ pred_h: pred, selected_h: selected, m: maskOne(0, n), k: maskOne(0, n) });
    const ind = argsort(f);
    selected[ind[0]] = 1;
    let k = ind[0];
    rec.hint({ pred_h: pred, selected_h: selected, m: maskOne(ind[0], n), k: maskOne(k, n) });
    for (let m = 1; m < n; m++) {
      if (s[ind[m]] >= f[k]) {
        selected[ind[m]] = 1;
        k = ind[m];
      }
      rec.hint({ pred_h: pred, selected_h: selected, m: maskOne(ind[m], n), k: maskOne(k, n) });
    }
    rec.output('selected', selected);
    return rec.finish();
  },
};
