/**
 * Log-space Sinkhorn normalisation for permutation pointers (CLRS `decoders.log_sinkhorn`; method note §2.9):
 * optional Gumbel noise, division by the temperature, the diagonal pushed to -1e6 (a node is never its own cyclic
 * predecessor), then `steps` rounds of log-softmax over rows and over columns. exp of the result is close to a
 * doubly-stochastic matrix, and to a permutation matrix as the temperature goes to 0.
 */
import type { Value } from '../../engine/graph.js';
import { div, eyeLike, logSoftmax, mul, slice, squeeze, sub, add } from '../../engine/ops/index.js';

export interface SinkhornOptions {
  steps?: number;
  temperature?: number;
  zeroDiagonal?: boolean;
  /** Standard Gumbel noise shaped like x, added first (training only). */
  noise?: Value | null;
}

export const SINKHORN_STEPS = 10;
export const SINKHORN_TEMPERATURE = 0.1;
const DIAGONAL_PENALTY = 1e6;

/** x: [B, n, n] logits (row i: candidates for node i). */
export function logSinkhorn(x: Value, o: SinkhornOptions = {}): Value {
  let y = o.noise ? add(x, o.noise) : x;
  y = div(y, o.temperature ?? SINKHORN_TEMPERATURE);
  if (o.zeroDiagonal ?? true) {
    const eye = eyeLike(squeeze(slice(x, [0], [1], [0]), [0]), x.dtype as 'float32' | 'float64');
    y = sub(y, mul(eye, DIAGONAL_PENALTY));
  }
  for (let i = 0; i < (o.steps ?? SINKHORN_STEPS); i++) {
    y = logSoftmax(y, -1);
    y = logSoftmax(y, -2);
  }
  return y;
}

/** Standard Gumbel noise -log(-log(u + 1e-12) + 1e-12) from uniforms u in [0, 1), as CLRS draws it. */
export function gumbel(u: number): number {
  return -Math.log(-Math.log(u + 1e-12) + 1e-12);
}
