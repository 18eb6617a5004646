import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { cholesky, choleskySolve } from '../../src/linalg/cholesky.js';
import { matmul } from '../../src/linalg/matmul.js';

/** A = B·Bᵀ + I, symmetric positive definite. */
function spd(n: number, rng: Rng): Float64Array {
  const b = Float64Array.from({ length: n * n }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = i === j ? 1 : 0;
    for (let k = 0; k < n; k++) s += b[i * n + k] * b[j * n + k];
    a[i * n + j] = s;
  }
  return a;
}

describe('cholesky', () => {
  it('reconstructs A = L·Lᵀ without jitter on a well-conditioned matrix', () => {
    const n = 6;
    const a = spd(n, new Rng(2));
    const { l, jitter } = cholesky(a, n);
    expect(jitter).toBe(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += l[i * n + k] * l[j * n + k];
      expect(s).toBeCloseTo(a[i * n + j], 10);
    }
  });

  it('solves A·X = B', () => {
    const n = 5;
    const rng = new Rng(3);
    const a = spd(n, rng);
    const b = Float64Array.from({ length: n * 2 }, () => rng.normal());
    const x = choleskySolve(cholesky(a, n).l, b, n, 2);
    matmul(a, x, n, n, 2).forEach((v, i) => expect(v).toBeCloseTo(b[i], 10));
  });

  it('adds jitter to a singular (rank-one) matrix instead of failing', () => {
    const n = 4;
    const a = new Float64Array(n * n).fill(1);
    const { jitter } = cholesky(a, n);
    expect(jitter).toBeGreaterThan(0);
  });
});
