import { Rng } from '../common/random.js';
import { UsageError } from '../common/errors.js';
import { CAUSE_NAMES, sampleCause, studentT } from './causes.js';
import { FUNCTION_NAMES, Fn, drawFunction } from './functions.js';
import { ConcreteMechanism, SyntheticPair } from './make-pairs.js';
import { NOISE_NAMES, sampleNoise } from './noises.js';
import { roundToGrid, standardised } from './rescale.js';

/**
 * A training distribution meant to look more like real cause-effect pairs than `makePairs` with fixed settings
 * (the RCC lesson: what the learned rule has seen matters most). Per pair, independently:
 * - n drawn uniformly from [nMin, nMax];
 * - a cause from any cause law (mixtures with 1-5 random components included), then with some probability made
 *   skewed (exp / power transform) and clipped at a random quantile (a floor or ceiling pile-up);
 * - a mechanism f from the function families or a monotone saturating curve (Michaelis-Menten / logistic / power);
 * - noise mode: additive, heteroscedastic (scale a random positive function of x) or multiplicative, with a noise
 *   scale log-uniform over [0.02, 1] so near-deterministic pairs are as common as noisy ones;
 * - each variable rounded to a grid of 5-40 levels with probability `discretize`, then given a few outliers (0.5-3%
 *   of the points, 3-8 sd out) with probability 0.1;
 * - optionally (`traits`, off by default) one of REALISTIC_TRAITS: ordinal cause, near-deterministic mechanism,
 *   Cauchy-like noise, or a strongly non-uniform cause density.
 * Truth is x → y, as for makePairs. Deterministic for a seed; pair p does not depend on earlier pairs.
 */
export interface RealisticSpec {
  count: number;
  /** Points per pair drawn uniformly from [nMin, nMax] (defaults 100, 1000). */
  nMin?: number;
  nMax?: number;
  /** Log-uniform noise scale range (default [0.02, 1]). */
  noiseScale?: readonly [number, number];
  /** Probability that each variable is quantised (default 0.3). */
  discretize?: number;
  /**
   * Probability that a pair gets one of the REALISTIC_TRAITS (default 0: off, and then the draws are exactly those
   * of the generator without this option).
   */
  traits?: number;
}

// `traits` (default 0) is left out on purpose: the default rule's provenance spreads these defaults into its file.
export const REALISTIC_DEFAULTS = { nMin: 100, nMax: 1000, noiseScale: [0.02, 1] as const, discretize: 0.3 };

/**
 * Traits common in real pairs (the Tübingen README's descriptions) that the base mix rarely produces:
 * - ordinal: the cause takes 4-12 ordered levels with uneven frequencies (age in years, grades, counts);
 * - deterministic: noise scale 0.002-0.03 (physical laws, near-functional relations);
 * - heavy-tail: noise from a Student-t with 1 or 2 degrees of freedom (Cauchy-like), clipped at ±30;
 * - dense-core: a strongly non-uniform cause density, either a very skewed log-normal (σ in [1, 2]) or a tight
 *   cluster holding 80-95% of the points with a wide sparse tail.
 */
export const REALISTIC_TRAITS = ['ordinal', 'deterministic', 'heavy-tail', 'dense-core'] as const;
export type RealisticTrait = (typeof REALISTIC_TRAITS)[number];

/** A realistic pair; `trait` names the REALISTIC_TRAITS entry it was given, if any. */
export interface RealisticPair extends SyntheticPair {
  trait?: RealisticTrait;
}

export function makeRealisticPairs(spec: RealisticSpec, rng: Rng): RealisticPair[] {
  const nMin = spec.nMin ?? REALISTIC_DEFAULTS.nMin;
  const nMax = spec.nMax ?? REALISTIC_DEFAULTS.nMax;
  const [sLo, sHi] = spec.noiseScale ?? REALISTIC_DEFAULTS.noiseScale;
  const discretize = spec.discretize ?? REALISTIC_DEFAULTS.discretize;
  const traits = spec.traits ?? 0;
  if (!(traits >= 0 && traits <= 1)) throw new UsageError('traits must be a probability in [0, 1]');
  if (!(Number.isInteger(spec.count) && spec.count >= 0)) throw new UsageError('pair count must be a non-negative integer');
  if (!(Number.isInteger(nMin) && Number.isInteger(nMax) && nMin >= 10 && nMax >= nMin)) throw new UsageError('need integers 10 <= nMin <= nMax');
  if (!(sLo > 0 && sHi >= sLo)) throw new UsageError('noise scale range must be positive and ordered');
  const out: RealisticPair[] = [];
  for (let p = 0; p < spec.count; p++) {
    const r = rng.fork();
    const n = nMin + r.int(nMax - nMin + 1);
    // Drawn only when enabled, so traits = 0 reproduces the original stream exactly.
    const trait: RealisticTrait | null = traits > 0 && r.uniform() < traits ? REALISTIC_TRAITS[r.int(REALISTIC_TRAITS.length)] : null;
    const cause = CAUSE_NAMES[r.int(CAUSE_NAMES.length)];
    const x = trait === 'dense-core' ? denseCoreCause(n, r) : sampleCause(cause, n, r);
    if (trait !== 'dense-core') shapeCause(x, r);
    if (trait === 'ordinal') ordinalLevels(x, r);
    const fn = FUNCTION_NAMES[r.int(FUNCTION_NAMES.length)];
    const f = standardised(standardised(x).map(r.uniform() < 0.25 ? saturating(r) : drawFunction(fn, r)));
    const noise = NOISE_NAMES[r.int(NOISE_NAMES.length)];
    const e = trait === 'heavy-tail' ? heavyTailNoise(n, r) : sampleNoise(noise, n, r);
    const sigma = trait === 'deterministic' ? Math.exp(r.range(Math.log(0.002), Math.log(0.03))) : Math.exp(r.range(Math.log(sLo), Math.log(sHi)));
    const u = r.uniform();
    const mechanism: ConcreteMechanism = u < 0.5 ? 'additive' : u < 0.8 ? 'heteroscedastic' : 'multiplicative';
    const y = new Float64Array(n);
    if (mechanism === 'additive') {
      for (let i = 0; i < n; i++) y[i] = f[i] + sigma * e[i];
    } else if (mechanism === 'multiplicative') {
      let min = Infinity;
      for (const v of f) min = Math.min(min, v);
      const offset = r.range(0.1, 1);
      for (let i = 0; i < n; i++) y[i] = (f[i] - min + offset) * Math.exp(sigma * e[i]);
    } else {
      // Scale a random positive function of x: a spline, or a power of the (shifted) mean function.
      const xs = standardised(x);
      let g: Float64Array;
      if (r.uniform() < 0.5) {
        const h = drawFunction('spline', r);
        g = xs.map((v) => 0.1 + Math.abs(h(v)));
      } else {
        let min = Infinity;
        for (const v of f) min = Math.min(min, v);
        const power = r.range(0.5, 1.5);
        g = f.map((v) => Math.pow(v - min + 0.2, power));
      }
      let mean = 0;
      for (const v of g) mean += v / n;
      for (let i = 0; i < n; i++) y[i] = f[i] + (g[i] / mean) * sigma * e[i];
    }
    // Quantise before adding outliers, so outliers cannot stretch the grid until the bulk falls on one level.
    if (r.uniform() < discretize) quantise(x, 5 + r.int(36));
    if (r.uniform() < discretize) quantise(y, 5 + r.int(36));
    if (r.uniform() < 0.1) addOutliers(x, r);
    if (r.uniform() < 0.1) addOutliers(y, r);
    out.push({ x, y, mechanism, fn, noise: trait === 'heavy-tail' ? 'student-t' : noise, cause, ...(trait ? { trait } : {}) });
  }
  return out;
}

/** A cause whose density is far from uniform: a very skewed log-normal, or a tight core with a sparse wide tail. */
function denseCoreCause(n: number, r: Rng): Float64Array {
  const x = new Float64Array(n);
  if (r.uniform() < 0.5) {
    const s = r.range(1, 2);
    for (let i = 0; i < n; i++) x[i] = Math.exp(s * r.normal());
  } else {
    const core = r.range(0.8, 0.95);
    const tailMean = r.range(1, 4) * (r.uniform() < 0.5 ? -1 : 1);
    const coreSd = r.range(0.05, 0.2);
    for (let i = 0; i < n; i++) x[i] = r.uniform() < core ? coreSd * r.normal() : tailMean + r.normal();
  }
  return x;
}

/** Replaces x in place by 4-12 ordered integer levels with uneven frequencies (cut at random quantiles). */
function ordinalLevels(x: Float64Array, r: Rng): void {
  const k = 4 + r.int(9);
  const w = Array.from({ length: k }, () => r.range(0.4, 1));
  const total = w.reduce((a, b) => a + b, 0);
  const sorted = Float64Array.from(x).sort();
  const cuts: number[] = [];
  let acc = 0;
  for (let j = 0; j < k - 1; j++) {
    acc += w[j] / total;
    cuts.push(sorted[Math.min(x.length - 1, Math.floor(acc * x.length))]);
  }
  for (let i = 0; i < x.length; i++) {
    let level = 0;
    while (level < cuts.length && x[i] >= cuts[level]) level++;
    x[i] = level;
  }
}

/** Cauchy-like noise: Student-t with 1 or 2 degrees of freedom, clipped at ±30 so one draw cannot swamp a pair. */
function heavyTailNoise(n: number, r: Rng): Float64Array {
  const df = 1 + r.int(2);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) e[i] = Math.max(-30, Math.min(30, studentT(df, r)));
  return e;
}

/** Random skew, clipping and outliers applied in place to a drawn cause. */
function shapeCause(x: Float64Array, r: Rng): void {
  const z = standardised(x);
  const u = r.uniform();
  if (u < 0.25) {
    const s = r.range(0.3, 1) * (r.uniform() < 0.5 ? -1 : 1);
    for (let i = 0; i < x.length; i++) x[i] = Math.exp(s * z[i]);
  } else if (u < 0.4) {
    const power = r.range(1.5, 3);
    const lo = minOf(z);
    for (let i = 0; i < x.length; i++) x[i] = Math.pow(z[i] - lo + 0.05, power);
  }
  if (r.uniform() < 0.15) {
    // Clip at a random lower or upper quantile (5-25%): detection limits, floors, saturated sensors.
    const sorted = Float64Array.from(x).sort();
    const q = r.range(0.05, 0.25);
    if (r.uniform() < 0.5) {
      const lo = sorted[Math.floor(q * (x.length - 1))];
      for (let i = 0; i < x.length; i++) x[i] = Math.max(x[i], lo);
    } else {
      const hi = sorted[Math.ceil((1 - q) * (x.length - 1))];
      for (let i = 0; i < x.length; i++) x[i] = Math.min(x[i], hi);
    }
  }
}

/** Replaces 0.5-3% of the entries with values 3-8 standard deviations out. */
function addOutliers(v: Float64Array, r: Rng): void {
  const z = standardised(v);
  let sd = 0;
  let mean = 0;
  for (const a of v) mean += a / v.length;
  for (const a of v) sd += ((a - mean) * (a - mean)) / v.length;
  sd = Math.sqrt(sd) || 1;
  const k = Math.max(1, Math.round(r.range(0.005, 0.03) * v.length));
  for (let j = 0; j < k; j++) {
    const i = r.int(v.length);
    v[i] = mean + sd * (Math.sign(z[i]) || 1) * r.range(3, 8);
  }
}

/** Monotone saturating curves of a standardised input, either direction. */
function saturating(r: Rng): Fn {
  const sign = r.uniform() < 0.5 ? -1 : 1;
  const shift = r.range(-2.5, -1);
  const k = r.range(0.3, 3);
  const kind = r.int(3);
  if (kind === 0) return (x) => sign * Math.max(x - shift, 0) / (k + Math.max(x - shift, 0));
  if (kind === 1) {
    const mid = r.range(-1, 1);
    return (x) => sign / (1 + Math.exp(-k * 2 * (x - mid)));
  }
  const power = r.range(0.2, 0.7);
  return (x) => sign * Math.pow(Math.max(x - shift, 0), power);
}

function minOf(v: Float64Array): number {
  let m = Infinity;
  for (const a of v) m = Math.min(m, a);
  return m;
}

/**
 * Rounds onto the grid unless that would put more than half the points on one level (a skewed variable on a
 * coarse grid): such a variable is nearly constant and its subsamples can be exactly constant.
 */
function quantise(v: Float64Array, levels: number): void {
  const q = Float64Array.from(v);
  roundToGrid(q, levels);
  const counts = new Map<number, number>();
  let modal = 0;
  for (const a of q) {
    const c = (counts.get(a) ?? 0) + 1;
    counts.set(a, c);
    modal = Math.max(modal, c);
  }
  if (modal <= v.length / 2) v.set(q);
}
