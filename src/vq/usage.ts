/**
 * How well the codebook is used: the codes that occur, and the perplexity exp(H) of the code frequencies (K when
 * every code is equally frequent, 1 when one code takes everything). The graph form measures a training batch
 * from its per-code counts; the array form measures a whole table's tokens.
 */
import type { Value } from '../engine/graph.js';
import { add, cast, div, exp, greater, log, mul, neg, reduceSum } from '../engine/ops/index.js';

export interface CodeUsage {
  codes_used: number;
  perplexity: number;
}

/** codes_used and perplexity (float scalars) from per-code counts [K]. */
export function usageFromCounts(counts: Value): { codesUsed: Value; perplexity: Value } {
  const p = div(counts, reduceSum(counts));
  // p log p is 0 at p = 0; the offset only keeps the log finite there.
  const entropy = neg(reduceSum(mul(p, log(add(p, 1e-10)))));
  return { codesUsed: reduceSum(cast(greater(counts, 0), counts.dtype)), perplexity: exp(entropy) };
}

/** Adds each token's occurrence to `counts` (length K; tokens lie in [0, K)). */
export function countTokens(tokens: ArrayLike<number>, counts: Float64Array): Float64Array {
  for (let i = 0; i < tokens.length; i++) counts[tokens[i]] += 1;
  return counts;
}

/** codes_used and perplexity from per-code counts. */
export function usageOf(counts: Float64Array): CodeUsage {
  const total = counts.reduce((a, b) => a + b, 0);
  let used = 0;
  let entropy = 0;
  for (const c of counts) {
    if (c === 0) continue;
    used += 1;
    entropy -= (c / total) * Math.log(c / total);
  }
  return { codes_used: used, perplexity: Math.exp(entropy) };
}
