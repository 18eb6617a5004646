/**
 * The draws of google-deepmind/clrs `samplers.Sampler` (`_random_sequence`, `_random_string`) on our seeded Rng.
 * Our generator is not numpy's RandomState, so a sample follows the benchmark's distribution but is not bitwise the
 * benchmark's sample for the same seed.
 */
import type { Rng } from '../common/random.js';

/** n i.i.d. U[low, high). */
export function randomSequence(rng: Rng, n: number, low = 0, high = 1): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.range(low, high);
  return out;
}

/** n i.i.d. uniform integers in 0..chars-1. */
export function randomString(rng: Rng, n: number, chars = 4): number[] {
  return Array.from({ length: n }, () => rng.int(chars));
}

/** One array of keys: the input of the sorts, minimum, quickselect and Kadane. */
export interface KeysInput {
  readonly key: Float64Array;
}

/** `SortingSampler` (and `MaxSubarraySampler` with low = -1): keys i.i.d. U[low, high). */
export function sampleKeys(n: number, rng: Rng, low = 0, high = 1): KeysInput {
  return { key: randomSequence(rng, n, low, high) };
}
