/**
 * matrix_chain_order: clrs `algorithms/dynamic_programming.py` matrix_chain_order, run as a parallel fixpoint:
 * each round recomputes every cell (i, j) from the previous round's m and msk, and a hint is pushed at the start of
 * each round; it stops when m no longer changes. Node i is dimension p[i]; matrix i (1-based) is p[i-1] x p[i].
 */
import type { ClrsAlgorithm } from '../algorithm.js';
import { array, identity, matrix, positions } from '../probing.js';
import { SampleRecorder } from '../sample.js';
import { randomSequence } from '../samplers.js';
import { SPECS } from '../specs.js';

export interface ChainInput {
  readonly p: Float64Array;
}

export const matrixChainOrder: ClrsAlgorithm<ChainInput> = {
  name: 'matrix_chain_order',
  family: 'dynamic_programming',
  multiplier: 1,
  minN: 2,
  // SortingSampler: dimensions i.i.d. U[0,1]
  sample: (n, rng) => ({ p: randomSequence(rng, n) }),
  run(input) {
    const p = input.p;
    const n = p.length;
    const rec = new SampleRecorder(this.name, SPECS[this.name], n);
    const pred = array(identity(n));
    rec.input('pos', positions(n));
    rec.input('p', p);
    const m = matrix(n, n);
    const s = matrix(n, n);
    const msk = matrix(n, n);
    for (let i = 1; i < n; i++) msk[i][i] = 1;
    for (;;) {
      const prevM = m.map((row) => row.slice());
      const prevMsk = msk.map((row) => row.slice());
      rec.hint({ pred_h: pred, m: prevM.flat(), s_h: s.flat(), msk: msk.flat() });
      for (let i = 1; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let flag = prevMsk[i][j];
          for (let k = i; k < j; k++) {
            if (prevMsk[i][k] === 1 && prevMsk[k + 1][j] === 1) {
              msk[i][j] = 1;
              const q = prevM[i][k] + prevM[k + 1][j] + p[i - 1] * p[k] * p[j];
              if (flag === 0 || q < m[i][j]) {
                m[i][j] = q;
                s[i][j] = k;
                flag = 1;
              }
            }
          }
        }
      }
      if (m.every((row, i) => row.every((v, j) => v === prevM[i][j]))) break;
    }
    rec.output('s', s.flat());
    return rec.finish();
  },
};
