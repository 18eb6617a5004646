import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { pivotedCholesky } from '../../src/linalg/pivoted-cholesky.js';

function rbfGram(v: Float64Array): Float64Array {
  const n = v.length;
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) k[i * n + j] = Math.exp(-0.5 * (v[i] - v[j]) ** 2);
  return k;
}

function factorOf(k: Float64Array, n: number, maxRank: number, relTol: number) {
  return pivotedCholesky(
    Float64Array.from({ length: n }, (_, i) => k[i * n + i]),
    (j, out) => {
      for (let i = 0; i < n; i++) out[i] = k[i * n + j];
    },
    maxRank,
    relTol,
  );
}

describe('pivotedCholesky', () => {
  const rng = new Rng(5);
  const n = 60;
  const v = Float64Array.from({ length: n }, () => rng.normal());
  const k = rbfGram(v);

  it('stops at the tolerance and its residual trace is the true trace(K − G·Gᵀ)', () => {
    const f = factorOf(k, n, n, 1e-8);
    expect(f.rank).toBeLessThan(n / 2);
    let trace = 0;
    let maxErr = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let c = 0; c < f.rank; c++) s += f.g[i * f.rank + c] * f.g[j * f.rank + c];
      if (i === j) trace += k[i * n + i] - s;
      maxErr = Math.max(maxErr, Math.abs(k[i * n + j] - s));
    }
    expect(f.residualTrace).toBeLessThanOrEqual(1e-8 * n);
    expect(trace).toBeCloseTo(f.residualTrace, 10);
    expect(maxErr).toBeLessThan(1e-6);
  });

  it('respects the rank cap', () => {
    expect(factorOf(k, n, 3, 0).rank).toBe(3);
  });
});
