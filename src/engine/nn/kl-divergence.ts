import type { Value } from '../graph.js';
import { exp, mul, reduceMean, reduceSum, sub } from '../ops/index.js';

/**
 * KL(P || Q) = sum_k p_k (log p_k - log q_k) over the last axis, averaged over the rest; both arguments are
 * log-probabilities (e.g. from logSoftmax).
 */
export function klDivergence(logP: Value, logQ: Value): Value {
  return reduceMean(reduceSum(mul(exp(logP), sub(logP, logQ)), [-1]));
}
