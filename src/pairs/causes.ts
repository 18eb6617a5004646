import { Rng } from '../common/random.js';

/**
 * Marginal laws for the cause. Real causes are rarely Gaussian: mixtures (multi-modal), skewed and heavy-tailed
 * laws are what a rule trained on synthetic pairs must have seen to transfer (the RCC lesson).
 */
export const CAUSE_NAMES = ['gaussian', 'uniform', 'mixture', 'student-t', 'lognormal'] as const;
export type CauseName = (typeof CAUSE_NAMES)[number];

export function sampleCause(name: CauseName, n: number, rng: Rng): Float64Array {
  const x = new Float64Array(n);
  switch (name) {
    case 'gaussian':
      for (let i = 0; i < n; i++) x[i] = rng.normal();
      break;
    case 'uniform':
      for (let i = 0; i < n; i++) x[i] = rng.range(-1, 1);
      break;
    case 'mixture': {
      // RCC-style Gaussian mixture: 1-5 components with random means, spreads and weights.
      const k = 1 + rng.int(5);
      const means = Array.from({ length: k }, () => rng.range(-2, 2));
      const sds = Array.from({ length: k }, () => rng.range(0.1, 1));
      const weights = Array.from({ length: k }, () => rng.range(0.2, 1));
      const total = weights.reduce((a, b) => a + b, 0);
      for (let i = 0; i < n; i++) {
        let u = rng.uniform() * total;
        let c = 0;
        while (c < k - 1 && u >= weights[c]) u -= weights[c++];
        x[i] = means[c] + sds[c] * rng.normal();
      }
      break;
    }
    case 'student-t':
      for (let i = 0; i < n; i++) x[i] = studentT(3 + rng.int(4), rng);
      break;
    case 'lognormal': {
      const s = rng.range(0.3, 0.9);
      for (let i = 0; i < n; i++) x[i] = Math.exp(s * rng.normal());
      break;
    }
  }
  return x;
}

/** Student-t draw with `df` degrees of freedom, as a normal over the root of a scaled chi-square. */
export function studentT(df: number, rng: Rng): number {
  let chi = 0;
  for (let k = 0; k < df; k++) {
    const z = rng.normal();
    chi += z * z;
  }
  return rng.normal() / Math.sqrt(chi / df);
}
