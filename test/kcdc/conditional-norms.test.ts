import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { cholesky, choleskySolve } from '../../src/linalg/cholesky.js';
import { conditionalNorms, gramFactor, regressionBasis } from '../../src/kcdc/conditional-norms.js';
import { KERNELS, KernelName } from '../../src/kcdc/kernels.js';
import { devianceStatistic } from '../../src/kcdc/statistics.js';

function gram(v: Float64Array, kernel: KernelName, h: number): Float64Array {
  const n = v.length;
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) g[i * n + j] = KERNELS[kernel](Math.abs(v[i] - v[j]), h);
  return g;
}

/** The definition, literally: β(x_i) = (K + nλI)⁻¹ k_{x_i}, s_i² = β(x_i)ᵀ L β(x_i). */
function directNorms(x: Float64Array, y: Float64Array, kin: KernelName, kout: KernelName, h: number, lambda: number): Float64Array {
  const n = x.length;
  const k = gram(x, kin, h);
  const l = gram(y, kout, h);
  const reg = Float64Array.from(k);
  for (let i = 0; i < n; i++) reg[i * n + i] += n * lambda;
  const chol = cholesky(reg, n).l;
  const s2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const beta = choleskySolve(chol, k.slice(i * n, (i + 1) * n), n, 1);
    let q = 0;
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) q += beta[a] * l[a * n + b] * beta[b];
    s2[i] = q;
  }
  return s2;
}

function pair(n: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = new Rng(seed);
  const x = Float64Array.from({ length: n }, () => rng.normal());
  const y = x.map((v) => v ** 3 / 3 + 0.3 * rng.normal());
  return { x, y };
}

describe('conditionalNorms', () => {
  it('equals the explicit β(x_i)ᵀ L β(x_i) at full rank, for several λ and kernels', () => {
    const { x, y } = pair(40, 6);
    const lambdas = [1e-4, 1e-2];
    for (const [kin, kout] of [['laplace', 'rbf'], ['rbf', 'rq']] as const) {
      const full = { maxRank: 40, relTol: 0 };
      const got = conditionalNorms(
        regressionBasis(gramFactor({ values: x, kernel: kin, bandwidth: 0.8 }, full)),
        gramFactor({ values: y, kernel: kout, bandwidth: 0.8 }, full),
        lambdas,
      );
      lambdas.forEach((lambda, li) => {
        const want = directNorms(x, y, kin, kout, 0.8, lambda);
        want.forEach((v, i) => expect(got.s2[li][i]).toBeCloseTo(v, 7));
      });
    }
  });

  it('hand-checked statistics on a tiny vector', () => {
    const s2 = Float64Array.from([1, 4, 9]); // s = 1, 2, 3
    const mass = Float64Array.from([1, 2, 3]); // s/mass = 1, 1, 1
    expect(devianceStatistic('var', s2, mass)).toBeCloseTo(2 / 3, 12);
    expect(devianceStatistic('cv', s2, mass)).toBeCloseTo(Math.sqrt(2 / 3) / 2, 12);
    expect(devianceStatistic('ncv', s2, mass)).toBeCloseTo(0, 12);
  });

  // The Laplace spectrum decays slowly, so a rank-100 factor at n = 300 is a little coarser there.
  it('the low-rank path agrees with the exact deviance within 1% (rbf) and 3% (laplace) at n = 300, rank ≤ 100', () => {
    const { x, y } = pair(300, 7);
    const exact = { maxRank: 300, relTol: 0 };
    const fast = { maxRank: 100, relTol: 1e-6 };
    for (const [kernel, tolerance] of [['rbf', 0.01], ['laplace', 0.03]] as const) {
      const run = (s: typeof fast) =>
        conditionalNorms(
          regressionBasis(gramFactor({ values: x, kernel, bandwidth: 1 }, s)),
          gramFactor({ values: y, kernel, bandwidth: 1 }, s),
          [1e-3],
        );
      const a = run(exact);
      const b = run(fast);
      for (const stat of ['var', 'cv'] as const) {
        const ea = devianceStatistic(stat, a.s2[0], a.mass[0]);
        const eb = devianceStatistic(stat, b.s2[0], b.mass[0]);
        expect(Math.abs(ea - eb) / ea).toBeLessThan(tolerance);
      }
    }
  });
});
