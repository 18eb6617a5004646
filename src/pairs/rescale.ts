/** Zero mean, unit variance; a constant vector is only centred. */
export function standardised(x: Float64Array): Float64Array {
  const n = x.length;
  let mean = 0;
  for (const v of x) mean += v / n;
  let ss = 0;
  for (const v of x) ss += (v - mean) * (v - mean);
  const sd = Math.sqrt(ss / n) || 1;
  return x.map((v) => (v - mean) / sd);
}

/** Rounds in place onto `levels` evenly spaced values between the minimum and maximum (ties, like coarse real measurements). */
export function roundToGrid(v: Float64Array, levels: number): void {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of v) {
    lo = Math.min(lo, a);
    hi = Math.max(hi, a);
  }
  const step = (hi - lo) / (levels - 1) || 1;
  for (let i = 0; i < v.length; i++) v[i] = lo + Math.round((v[i] - lo) / step) * step;
}
