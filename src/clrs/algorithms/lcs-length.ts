/**
 * lcs_length: clrs `algorithms/dynamic_programming.py` lcs_length, run as a parallel fixpoint over the c table
 * (first row and column filled up front; each round recomputes every inner cell from the previous round; a hint at
 * the start of each round; stop when c no longer changes). Nodes: the nx letters of x, then the ny letters of y;
 * the tables live on the edges x-node -> y-node. b classes: 0 diagonal (match), 1 up, 2 left, 3 blank cell.
 */
import type { ClrsAlgorithm } from '../algorithm.js';
import { matrix, stringsId, stringsPair, stringsPairCat, stringsPos, stringsPred } from '../probing.js';
import { SampleRecorder } from '../sample.js';
import { randomString } from '../samplers.js';
import { SPECS } from '../specs.js';

export interface TwoStringsInput {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

export const lcsLength: ClrsAlgorithm<TwoStringsInput> = {
  name: 'lcs_length',
  family: 'dynamic_programming',
  multiplier: 1,
  minN: 2,
  // LCSSampler: n is the total length; x gets n - n//2 letters, y n//2, over 4 letters
  sample(n, rng) {
    const ny = Math.floor(n / 2);
    const x = randomString(rng, n - ny);
    return { x, y: randomString(rng, ny) };
  },
  run(input) {
    const { x, y } = input;
    const nx = x.length;
    const ny = y.length;
    const rec = new SampleRecorder(this.name, SPECS[this.name], nx + ny);
    rec.input('string', stringsId(nx, ny));
    rec.input('pos', stringsPos(nx, ny));
    rec.input('key', [...x, ...y]);
    const b = matrix(nx, ny);
    const c = matrix(nx, ny);
    for (let i = 0; i < nx; i++) {
      if (x[i] === y[0]) [c[i][0], b[i][0]] = [1, 0];
      else if (i > 0 && c[i - 1][0] === 1) [c[i][0], b[i][0]] = [1, 1];
      else [c[i][0], b[i][0]] = [0, 1];
    }
    for (let j = 0; j < ny; j++) {
      if (x[0] === y[j]) [c[0][j], b[0][j]] = [1, 0];
      else if (j > 0 && c[0][j - 1] === 1) [c[0][j], b[0][j]] = [1, 2];
      else [c[0][j], b[0][j]] = [0, 1];
    }
    const pred = stringsPred(nx, ny);
    for (;;) {
      const prev = c.map((row) => row.slice());
      rec.hint({ pred_h: pred, b_h: stringsPairCat(b, nx, ny, 3), c: stringsPair(prev, nx, ny) });
      for (let i = 1; i < nx; i++) {
        for (let j = 1; j < ny; j++) {
          if (x[i] === y[j]) [c[i][j], b[i][j]] = [prev[i - 1][j - 1] + 1, 0];
          else if (prev[i - 1][j] >= prev[i][j - 1]) [c[i][j], b[i][j]] = [prev[i - 1][j], 1];
          else [c[i][j], b[i][j]] = [prev[i][j - 1], 2];
        }
      }
      if (c.every((row, i) => row.every((v, j) => v === prev[i][j]))) break;
    }
    rec.output('b', stringsPairCat(b, nx, ny, 3));
    return rec.finish();
  },
};
