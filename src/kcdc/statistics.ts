/**
 * Readings of "how much the conditional embeddings' norms vary across x_i" (kcdc.md §3.3). Lower means the
 * direction looks more causal. s_i = ‖μ̂_{Y|X=x_i}‖ and mass_i = [M·1]_i (see conditional-norms.ts).
 * - var: the population variance of s_i, the plain reading of the notes.
 * - cv:  sd(s)/mean(s). Scale-free: a direction whose embeddings are all shrunk has small norms and hence a small
 *        variance for no causal reason; the ratio removes that.
 * - ncv: cv of s_i / mass_i. Regularisation shrinks the embedding most where the input is sparse, so raw norms track
 *        the input density; dividing by the reproduced mass of a constant function removes that effect.
 */
export const STATISTIC_NAMES = ['var', 'cv', 'ncv'] as const;
export type StatisticName = (typeof STATISTIC_NAMES)[number];

/** Smallest mass divided by, so a point far outside the data cannot blow up the normalised norm. */
const MIN_MASS = 1e-3;

export function devianceStatistic(name: StatisticName, s2: Float64Array, mass: Float64Array): number {
  const n = s2.length;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const norm = Math.sqrt(Math.max(s2[i], 0));
    s[i] = name === 'ncv' ? norm / Math.max(mass[i], MIN_MASS) : norm;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += s[i];
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (s[i] - mean) * (s[i] - mean);
  v /= n;
  if (name === 'var') return v;
  return mean > 0 ? Math.sqrt(v) / mean : 0;
}
