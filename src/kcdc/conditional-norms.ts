import { matmul, matmulTN } from '../linalg/matmul.js';
import { pivotedCholesky, LowRankFactor } from '../linalg/pivoted-cholesky.js';
import { symmetricEigen } from '../linalg/symmetric-eigen.js';
import { KERNELS, KernelName } from './kernels.js';

/** A kernel with its bandwidth, applied to one (standardised) variable. */
export interface KernelOnData {
  values: Float64Array;
  kernel: KernelName;
  bandwidth: number;
}

export interface LowRankSettings {
  /** Upper bound on the rank of each Gram factor. */
  maxRank: number;
  /** Stop a factor once trace(K − G·Gᵀ) < relTol · trace(K). */
  relTol: number;
}

/** Per λ: the squared RKHS norms s_i² of the conditional mean embeddings, and the smoothed constant [M·1]_i. */
export interface ConditionalNorms {
  lambdas: readonly number[];
  s2: Float64Array[];
  mass: Float64Array[];
}

/** Low-rank factor G (n×r) with Gram(values) ≈ G·Gᵀ, from pivoted Cholesky; the Gram matrix is never formed. */
export function gramFactor(data: KernelOnData, settings: LowRankSettings): LowRankFactor {
  const { values, kernel, bandwidth } = data;
  const k = KERNELS[kernel];
  const n = values.length;
  return pivotedCholesky(
    new Float64Array(n).fill(1),
    (j, out) => {
      const vj = values[j];
      for (let i = 0; i < n; i++) out[i] = k(Math.abs(values[i] - vj), bandwidth);
    },
    settings.maxRank,
    settings.relTol,
  );
}

/**
 * The input side of the regression, shared by every output kernel: ΦᵀΦ = V·diag(d)·Vᵀ and G = ΦV, so that
 * M = K(K + nλI)⁻¹ ≈ G·diag(1/(d + nλ))·Gᵀ for any λ (push-through identity). Computing it once per input factor
 * saves one r×r eigendecomposition per extra output kernel.
 */
export interface RegressionBasis {
  n: number;
  rank: number;
  /** Row-major n×rank, G = ΦV. */
  g: Float64Array;
  /** Eigenvalues of ΦᵀΦ (clipped at 0). */
  d: Float64Array;
  /** Gᵀ·1. */
  gt1: Float64Array;
}

export function regressionBasis(input: LowRankFactor): RegressionBasis {
  const { n, rank: r } = input;
  const { values, vectors } = symmetricEigen(matmulTN(input.g, input.g, n, r, r), r);
  const g = matmul(input.g, vectors, n, r, r);
  const gt1 = new Float64Array(r);
  for (let i = 0; i < n; i++) for (let a = 0; a < r; a++) gt1[a] += g[i * r + a];
  return { n, rank: r, g, d: values.map((v) => Math.max(v, 0)), gt1 };
}

/**
 * Norms of the estimated conditional mean embeddings μ̂_{out|in=x_i}, for every λ at once (kcdc.md §3.2, §4).
 *
 * With L ≈ ΨΨᵀ, s_i² = [M L M]_ii is the squared norm of row i of P = G·diag(1/(d + nλ))·(GᵀΨ); each λ costs
 * O(n·r·r′). `mass` = M·1 is how much of a constant function the regularised regression reproduces at x_i: it
 * falls below 1 where the input is sparse, which is the shrinkage that the ncv statistic divides out.
 */
export function conditionalNorms(
  basis: RegressionBasis,
  output: LowRankFactor,
  lambdas: readonly number[],
): ConditionalNorms {
  const { n, rank: r, g, d, gt1 } = basis;
  const ro = output.rank;
  const c = matmulTN(g, output.g, n, r, ro);
  const s2: Float64Array[] = [];
  const mass: Float64Array[] = [];
  const scaledC = new Float64Array(r * ro);
  const scaled1 = new Float64Array(r);
  for (const lambda of lambdas) {
    for (let a = 0; a < r; a++) {
      const w = 1 / (d[a] + n * lambda);
      scaled1[a] = w * gt1[a];
      for (let b = 0; b < ro; b++) scaledC[a * ro + b] = w * c[a * ro + b];
    }
    const p = matmul(g, scaledC, n, r, ro);
    const si = new Float64Array(n);
    const mi = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let ss = 0;
      for (let b = 0; b < ro; b++) ss += p[i * ro + b] * p[i * ro + b];
      si[i] = ss;
      let m = 0;
      for (let a = 0; a < r; a++) m += g[i * r + a] * scaled1[a];
      mi[i] = m;
    }
    s2.push(si);
    mass.push(mi);
  }
  return { lambdas, s2, mass };
}
