import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { matmul, matmulTN } from '../../src/linalg/matmul.js';

function random(rows: number, cols: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: rows * cols }, () => rng.normal());
}

function transpose(a: Float64Array, m: number, n: number): Float64Array {
  const t = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = a[i * n + j];
  return t;
}

function naive(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
    c[i * n + j] = s;
  }
  return c;
}

describe('matmul', () => {
  const rng = new Rng(1);
  const a = random(5, 3, rng);
  const b = random(3, 4, rng);

  it('matches the triple loop', () => {
    const c = matmul(a, b, 5, 3, 4);
    naive(a, b, 5, 3, 4).forEach((v, i) => expect(c[i]).toBeCloseTo(v, 12));
  });

  it('matmulTN equals transpose then multiply', () => {
    const at = transpose(a, 5, 3);
    const c = random(5, 2, rng);
    const got = matmulTN(a, c, 5, 3, 2);
    naive(at, c, 3, 5, 2).forEach((v, i) => expect(got[i]).toBeCloseTo(v, 12));
  });
});
