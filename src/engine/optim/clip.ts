import type { Value } from '../graph.js';
import { add, div, minimum, mul, reduceSum, sqrt } from '../ops/index.js';

/** Scales all gradients by min(1, maxNorm / ||g||) where ||g|| is the norm over all of them together. */
export function clipGlobalNorm(grads: readonly Value[], maxNorm: number): { grads: Value[]; norm: Value } {
  let total: Value | null = null;
  for (const g of grads) {
    const s = reduceSum(mul(g, g));
    total = total ? add(total, s) : s;
  }
  if (!total) throw new Error('clipGlobalNorm: no gradients');
  const norm = sqrt(total);
  const scale = minimum(div(maxNorm, add(norm, 1e-6)), 1);
  return { grads: grads.map((g) => mul(g, scale)), norm };
}
