import { Rng } from '../common/random.js';
import { UsageError } from '../common/errors.js';
import { CAUSE_NAMES, CauseName, sampleCause } from './causes.js';
import { FUNCTION_NAMES, FunctionName, drawFunction } from './functions.js';
import { NOISE_NAMES, NoiseName, sampleNoise } from './noises.js';
import { roundToGrid, standardised } from './rescale.js';

/**
 * Synthetic cause-effect pairs with known truth x → y. The caller swaps the columns to make anticausal examples.
 *
 * Mechanisms (f is a random function of the standardised cause, rescaled to unit variance; e has unit variance;
 * σ is the pair's noise scale):
 * - additive:        y = f(x) + σ·e
 * - multiplicative:  y = f₊(x)·exp(σ·e), with f₊ = f − min f + 0.5 > 0, i.e. additive noise on log y
 * - heteroscedastic: y = f(x) + g(x)·σ·e, with g a second random positive function (0.2 + |spline|, mean ≈ 1)
 * - mixed:           each pair draws one of the three.
 */
export const MECHANISM_NAMES = ['additive', 'multiplicative', 'heteroscedastic', 'mixed'] as const;
export type MechanismName = (typeof MECHANISM_NAMES)[number];
export type ConcreteMechanism = Exclude<MechanismName, 'mixed'>;

export interface PairSpec {
  count: number;
  /** Points per pair. */
  n: number;
  mechanism: MechanismName;
  /** Function families to draw from uniformly (default: all). */
  functions?: readonly FunctionName[];
  /** Noise laws to draw from uniformly (default: all). */
  noises?: readonly NoiseName[];
  /** Cause laws to draw from uniformly (default: all). */
  causes?: readonly CauseName[];
  /** Noise scale σ, fixed or drawn uniformly from [lo, hi] per pair (default [0.1, 0.5]). */
  noiseScale?: number | readonly [number, number];
  /**
   * Probability that each variable is rounded to a coarse grid of 5-40 levels, imitating the tied, quantised
   * measurements of real benchmarks (default 0).
   */
  discretize?: number;
}

export interface SyntheticPair {
  x: Float64Array;
  y: Float64Array;
  mechanism: ConcreteMechanism;
  fn: FunctionName;
  noise: NoiseName;
  cause: CauseName;
}

export const DEFAULT_NOISE_SCALE: readonly [number, number] = [0.1, 0.5];

export function makePairs(spec: PairSpec, rng: Rng): SyntheticPair[] {
  if (!(Number.isInteger(spec.count) && spec.count >= 0)) throw new UsageError('pair count must be a non-negative integer');
  if (!(Number.isInteger(spec.n) && spec.n >= 10)) throw new UsageError('points per pair must be an integer >= 10');
  const functions = nonEmpty(spec.functions ?? FUNCTION_NAMES, FUNCTION_NAMES, 'function family');
  const noises = nonEmpty(spec.noises ?? NOISE_NAMES, NOISE_NAMES, 'noise law');
  const causes = nonEmpty(spec.causes ?? CAUSE_NAMES, CAUSE_NAMES, 'cause law');
  if (!MECHANISM_NAMES.includes(spec.mechanism)) throw new UsageError(`unknown mechanism '${spec.mechanism}'`);
  const scale = spec.noiseScale ?? DEFAULT_NOISE_SCALE;
  const discretize = spec.discretize ?? 0;
  const out: SyntheticPair[] = [];
  for (let p = 0; p < spec.count; p++) {
    // One child stream per pair, so pair p does not depend on how many draws earlier pairs made.
    const r = rng.fork();
    const mechanism: ConcreteMechanism =
      spec.mechanism === 'mixed' ? (['additive', 'multiplicative', 'heteroscedastic'] as const)[r.int(3)] : spec.mechanism;
    const fn = functions[r.int(functions.length)];
    const noise = noises[r.int(noises.length)];
    const cause = causes[r.int(causes.length)];
    const sigma = typeof scale === 'number' ? scale : r.range(scale[0], scale[1]);
    const x = sampleCause(cause, spec.n, r);
    const f = standardised(standardised(x).map(drawFunction(fn, r)));
    const e = sampleNoise(noise, spec.n, r);
    const y = new Float64Array(spec.n);
    if (mechanism === 'additive') {
      for (let i = 0; i < spec.n; i++) y[i] = f[i] + sigma * e[i];
    } else if (mechanism === 'multiplicative') {
      let min = Infinity;
      for (const v of f) min = Math.min(min, v);
      for (let i = 0; i < spec.n; i++) y[i] = (f[i] - min + 0.5) * Math.exp(sigma * e[i]);
    } else {
      const g = standardised(x).map(drawFunction('spline', r));
      let mean = 0;
      for (const v of g) mean += Math.abs(v) / spec.n;
      for (let i = 0; i < spec.n; i++) y[i] = f[i] + ((0.2 + Math.abs(g[i])) / (0.2 + mean)) * sigma * e[i];
    }
    if (r.uniform() < discretize) roundToGrid(x, 5 + r.int(36));
    if (r.uniform() < discretize) roundToGrid(y, 5 + r.int(36));
    out.push({ x, y, mechanism, fn, noise, cause });
  }
  return out;
}

function nonEmpty<T extends string>(chosen: readonly T[], valid: readonly T[], what: string): readonly T[] {
  if (chosen.length === 0) throw new UsageError(`at least one ${what} is required`);
  for (const c of chosen) if (!valid.includes(c)) throw new UsageError(`unknown ${what} '${c}' (valid: ${valid.join(', ')})`);
  return chosen;
}
