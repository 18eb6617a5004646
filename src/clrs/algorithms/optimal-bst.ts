/**
 * optimal_bst: clrs `algorithms/dynamic_programming.py` optimal_bst (CLRS 15.5), one hint per subtree length
 * after an initial one: n + 1 steps for n keys. Nodes are the n + 1 dummy keys d_0..d_n, so a sample of n keys
 * has n + 1 nodes; the input p is padded with a trailing 0 to that length.
 */
import type { ClrsAlgorithm } from '../algorithm.js';
import { array, identity, matrix, positions } from '../probing.js';
import { SampleRecorder } from '../sample.js';
import { randomSequence } from '../samplers.js';
import { SPECS } from '../specs.js';

export interface BstInput {
  /** Key probabilities, n of them. */
  readonly p: Float64Array;
  /** Dummy-key (gap) probabilities, n + 1 of them. */
  readonly q: Float64Array;
}

export const optimalBst: ClrsAlgorithm<BstInput> = {
  name: 'optimal_bst',
  family: 'dynamic_programming',
  multiplier: 1,
  // OptimalBSTSampler: 2n + 1 values U[0,1] normalised to sum 1; the first n are p, the rest q
  sample(n, rng) {
    const arr = randomSequence(rng, 2 * n + 1);
    let total = 0;
    for (const v of arr) total += v;
    const scaled = arr.map((v) => v / total);
    return { p: scaled.slice(0, n), q: scaled.slice(n) };
  },
  run(input) {
    const { p, q } = input;
    const keys = p.length;
    const n = q.length;
    if (n !== keys + 1) throw new Error(`optimal_bst: q needs ${keys + 1} values, got ${n}`);
    const rec = new SampleRecorder(this.name, SPECS[this.name], n);
    const pred = array(identity(n));
    rec.input('pos', positions(n));
    rec.input('p', [...p, 0]);
    rec.input('q', q);
    const e = matrix(n, n);
    const w = matrix(n, n);
    const root = matrix(n, n);
    const msk = matrix(n, n);
    for (let i = 0; i < n; i++) {
      e[i][i] = q[i];
      w[i][i] = q[i];
      msk[i][i] = 1;
    }
    const push = (): void => rec.hint({ pred_h: pred, root_h: root.flat(), e: e.flat(), w: w.flat(), msk: msk.flat() });
    push();
    for (let l = 1; l <= keys; l++) {
      for (let i = 0; i <= keys - l; i++) {
        const j = i + l;
        e[i][j] = 1e9;
        w[i][j] = w[i][j - 1] + p[j - 1] + q[j];
        for (let r = i; r < j; r++) {
          const t = e[i][r] + e[r + 1][j] + w[i][j];
          if (t < e[i][j]) {
            e[i][j] = t;
            root[i][j] = r;
          }
        }
        msk[i][j] = 1;
      }
      push();
    }
    rec.output('root', root.flat());
    return rec.finish();
  },
};
