import { DataError } from '../common/errors.js';

/** Fewer points than this cannot support a conditional embedding worth comparing. */
export const MIN_POINTS = 10;

/**
 * Checks one variable and returns it with zero mean and unit variance. Both directions then share one scale, so a
 * bandwidth or λ means the same thing for the cause and the effect.
 */
export function standardize(v: ArrayLike<number>, name: string): Float64Array {
  const n = v.length;
  if (n < MIN_POINTS) throw new DataError(`${name} has ${n} points; KCDC needs at least ${MIN_POINTS}`);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(v[i])) throw new DataError(`${name} contains a non-finite value at row ${i}`);
    mean += v[i];
  }
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v[i] - mean) * (v[i] - mean);
  const sd = Math.sqrt(ss / n);
  if (!(sd > 1e-12 * Math.max(1, Math.abs(mean)))) throw new DataError(`${name} is constant`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (v[i] - mean) / sd;
  return out;
}
