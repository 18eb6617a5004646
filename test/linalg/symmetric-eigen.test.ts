import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { symmetricEigen } from '../../src/linalg/symmetric-eigen.js';

describe('symmetricEigen', () => {
  it('gives A = V·diag(w)·Vᵀ with orthonormal V and ascending w', () => {
    const n = 9;
    const rng = new Rng(4);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.normal();
    const { values, vectors } = symmetricEigen(a, n);
    for (let k = 1; k < n; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let rec = 0;
      let orth = 0;
      for (let k = 0; k < n; k++) {
        rec += vectors[i * n + k] * values[k] * vectors[j * n + k];
        orth += vectors[k * n + i] * vectors[k * n + j];
      }
      expect(rec).toBeCloseTo(a[i * n + j], 10);
      expect(orth).toBeCloseTo(i === j ? 1 : 0, 10);
    }
  });

  it('knows the eigenvalues of a diagonal matrix and of a 1×1 matrix', () => {
    expect(Array.from(symmetricEigen(Float64Array.from([3, 0, 0, -1]), 2).values)).toEqual([-1, 3]);
    expect(Array.from(symmetricEigen(Float64Array.from([5]), 1).values)).toEqual([5]);
  });
});
