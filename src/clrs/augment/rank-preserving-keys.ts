/**
 * Key redraws that keep every comparison the sorting and searching executors make: they only ever compare keys
 * (with each other, or with binary_search's target), so new values in the same order give the same trajectory.
 */
import type { Rng } from '../../common/random.js';

/** Sorted i.i.d. U[lo, hi) draws. */
function sortedUniforms(rng: Rng, m: number, lo: number, hi: number): Float64Array {
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) out[i] = rng.range(lo, hi);
  return out.sort();
}

/**
 * Fresh U[lo, hi) values with the ranks of `keys`: the k-th smallest key gets the k-th smallest draw, and equal
 * keys get equal values, so every comparison between two keys keeps its outcome (ties included).
 */
export function redrawPreservingRanks(keys: ArrayLike<number>, rng: Rng, lo = 0, hi = 1): Float64Array {
  const m = keys.length;
  const fresh = sortedUniforms(rng, m, lo, hi);
  const byKey = Array.from({ length: m }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
  const out = new Float64Array(m);
  let rank = 0;
  for (let k = 0; k < m; k++) {
    if (k > 0 && keys[byKey[k]] !== keys[byKey[k - 1]]) rank = k;
    out[byKey[k]] = fresh[rank];
  }
  return out;
}

/**
 * binary_search's redraw: a fresh target x' and sorted keys such that key k is >= x' exactly when it was >= the
 * old target. The search compares only the target with keys, so the whole trajectory is kept.
 */
export function redrawAroundTarget(keys: ArrayLike<number>, target: number, rng: Rng): { key: Float64Array; target: number } {
  const below = Array.prototype.filter.call(keys, (k: number) => k < target).length;
  const x = rng.uniform();
  const key = new Float64Array(keys.length);
  key.set(sortedUniforms(rng, below, 0, x));
  key.set(sortedUniforms(rng, keys.length - below, x, 1), below);
  return { key, target: x };
}

/** `m` draws in (lo, 1], ascending: values above every key in [0, lo]. */
export function ascendingAbove(rng: Rng, m: number, lo: number): Float64Array {
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) out[i] = lo + (1 - lo) * (1 - rng.uniform());
  return out.sort();
}
