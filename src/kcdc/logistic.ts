import { cholesky, choleskySolve } from '../linalg/cholesky.js';

/**
 * L2-regularised logistic regression without intercept, fitted by Newton's method. There is no intercept on
 * purpose: the features are antisymmetric (swapping x and y negates them), so a model without intercept gives
 * p(x→y | x, y) = 1 − p(x→y | y, x) exactly, and the decision never depends on column order.
 *
 * Minimises Σ_i log(1 + exp(−t_i·wᵀf_i)) + (l2/2)·‖w‖², t_i ∈ {−1, +1}. The objective is strictly convex, so
 * Newton converges in a handful of steps and the result is deterministic.
 */
export function fitLogistic(features: number[][], labels: number[], l2: number): number[] {
  const d = features[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Float64Array(d);
    const hess = new Float64Array(d * d);
    for (let a = 0; a < d; a++) {
      grad[a] = l2 * w[a];
      hess[a * d + a] = l2;
    }
    features.forEach((f, i) => {
      const t = labels[i];
      const z = t * dot(w, f);
      const p = sigmoid(-z); // derivative weight of the logistic loss
      const h = p * (1 - p);
      for (let a = 0; a < d; a++) {
        grad[a] -= t * p * f[a];
        const hf = h * f[a];
        for (let b = 0; b <= a; b++) hess[a * d + b] += hf * f[b];
      }
    });
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) hess[b * d + a] = hess[a * d + b];
    const step = choleskySolve(cholesky(hess, d).l, grad, d, 1);
    let change = 0;
    for (let a = 0; a < d; a++) {
      w[a] -= step[a];
      change = Math.max(change, Math.abs(step[a]));
    }
    if (change < 1e-10) break;
  }
  return w;
}

export function dot(w: readonly number[], f: readonly number[]): number {
  let s = 0;
  for (let a = 0; a < w.length; a++) s += w[a] * f[a];
  return s;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
