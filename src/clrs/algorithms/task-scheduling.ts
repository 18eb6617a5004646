/**
 * task_scheduling: clrs `algorithms/greedy.py` task_scheduling (unit tasks with deadlines, greedy by weight). n + 1
 * hint steps. A task is taken when the count of tasks taken so far is below its deadline.
 */
import type { ClrsAlgorithm } from '../algorithm.js';
import { argsort, array, identity, maskOne, positions } from '../probing.js';
import { SampleRecorder } from '../sample.js';
import { randomSequence, randomString } from '../samplers.js';
import { SPECS } from '../specs.js';

export interface TaskInput {
  /** Integer deadlines in 1..n. */
  readonly d: Float64Array;
  readonly w: Float64Array;
}

export const taskScheduling: ClrsAlgorithm<TaskInput> = {
  name: 'task_scheduling',
  family: 'greedy',
  multiplier: 1,
  // TaskSampler: deadlines uniform in 1..n, then weights U[0,1]
  sample(n, rng) {
    const d = Float64Array.from(randomString(rng, n, n), (v) => v + 1);
    return { d, w: randomSequence(rng, n) };
  },
  run(input) {
    const { d, w } = input;
    const n = d.length;
    const rec = new SampleRecorder(this.name, SPECS[this.name], n);
    const pred = array(identity(n));
    rec.input('pos', positions(n));
    rec.input('d', d);
    rec.input('w', w);
    const selected = new Array<number>(n).fill(0);
    rec.hint({ pred_h: pred, selected_h: selected, i: maskOne(0, n), t: [0] });
    const ind = argsort(w.map((v) => -v));
    selected[ind[0]] = 1;
    let t = 1;
    rec.hint({ pred_h: pred, selected_h: selected, i: maskOne(ind[0], n), t: [t] });
    for (let i = 1; i < n; i++) {
      if (t < d[ind[i]]) {
        selected[ind[i]] = 1;
        t += 1;
      }
      rec.hint({ pred_h: pred, selected_h: selected, i: maskOne(ind[i], n), t: [t] });
    }
    rec.output('selected', selected);
    return rec.finish();
  },
};
