import { rngFor } from '../common/random.js';

export const BALANCES = ['uniform', 'zipf'] as const;
export type Balance = (typeof BALANCES)[number];

export interface BalanceOptions {
  readonly balance: Balance;
  /** Zipf exponent s: concept r (0-based, in list order) has weight 1 / (r + 1)^s. */
  readonly zipfS: number;
  readonly seed: number;
}

/**
 * Which concept row `index` prompts. The answer depends only on (concepts, options, index), never on how many rows
 * came before or in what order they finished, so concurrency and `--resume` leave the schedule unchanged.
 *
 * uniform: rows are cut into blocks of |concepts|, each block a seeded permutation of the list, so any prefix of
 * n rows gives every concept floor(n/|C|) or ceil(n/|C|) rows (stratified, not merely uniform in expectation).
 * zipf: each row draws its concept independently with probability proportional to 1 / (rank + 1)^s, rank being
 * the position in the list, so the caller decides which concepts are the head.
 */
export function conceptSchedule(concepts: readonly string[], o: BalanceOptions): (index: number) => string {
  const n = concepts.length;
  if (o.balance === 'zipf') {
    const cumulative = cumulativeOf(zipfWeights(n, o.zipfS));
    return (index) => concepts[firstAbove(cumulative, rngFor(o.seed, `concept ${index}`).uniform())];
  }
  let block = -1;
  let order: number[] = [];
  return (index) => {
    const b = Math.floor(index / n);
    if (b !== block) {
      block = b;
      order = rngFor(o.seed, `concept block ${b}`).shuffle(Array.from({ length: n }, (_, i) => i));
    }
    return concepts[order[index % n]];
  };
}

/** Zipf probabilities of ranks 0..n-1 (they sum to 1). */
export function zipfWeights(n: number, s: number): number[] {
  const w = Array.from({ length: n }, (_, r) => 1 / (r + 1) ** s);
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / total);
}

function cumulativeOf(p: readonly number[]): Float64Array {
  const c = new Float64Array(p.length);
  let sum = 0;
  p.forEach((v, i) => (c[i] = sum += v));
  c[p.length - 1] = 1;
  return c;
}

/** The first i with cumulative[i] > u (binary search). */
function firstAbove(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
