/** At most this many points enter the median; beyond it, evenly spaced order statistics stand in for the rest. */
const MEDIAN_POINTS = 1000;

/**
 * Median heuristic: the median of the pairwise distances |v_i − v_j|, i < j. On tied or discrete data (binary
 * variables, integer counts) more than half of the distances can be exactly 0, which would give a zero bandwidth,
 * so the median is taken over the non-zero distances only. Needs a non-constant input (see standardize).
 */
export function medianBandwidth(v: Float64Array): number {
  const sorted = Float64Array.from(v).sort();
  const n = sorted.length;
  const m = Math.min(n, MEDIAN_POINTS);
  // Evenly spaced order statistics keep the shape of the distribution without needing randomness.
  const pts = new Float64Array(m);
  for (let i = 0; i < m; i++) pts[i] = sorted[Math.round((i * (n - 1)) / Math.max(m - 1, 1))];
  const all = new Float64Array((m * (m - 1)) / 2);
  let count = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) {
    const dist = pts[i] - pts[j];
    if (dist > 0) all[count++] = dist;
  }
  if (count === 0) return 1;
  const d = all.subarray(0, count).sort();
  const mid = count >> 1;
  return count % 2 === 1 ? d[mid] : 0.5 * (d[mid - 1] + d[mid]);
}
