import { Rng } from '../common/random.js';
import { LowRankFactor } from '../linalg/pivoted-cholesky.js';
import { medianBandwidth } from './bandwidth.js';
import { conditionalNorms, gramFactor, LowRankSettings, regressionBasis, RegressionBasis } from './conditional-norms.js';
import { bandwidthOf, DevianceConfig } from './deviance-config.js';
import { KernelName } from './kernels.js';
import { standardize } from './standardize.js';
import { devianceStatistic } from './statistics.js';

/** How a pair is reduced before the kernel work: a random subsample, then low-rank Gram factors. */
export interface ComputeSettings extends LowRankSettings {
  /** At most this many points enter one computation; larger pairs are subsampled uniformly without replacement. */
  subsample: number;
  /**
   * Up to this many independent subsamples (ceil(n / subsample) of them, at most this) for pairs larger than the
   * cap; their deviances are combined by geometric mean, i.e. the log-ratio features are averaged. One subsample
   * of a 10 000-point pair is a noisy reading, and averaging a few cuts that noise at a linear cost.
   */
  subsamples: number;
}

/** Deviances of both directions, one entry per config: xy[c] = S_{X→Y}, yx[c] = S_{Y→X}. */
export interface PairDeviances {
  xy: number[];
  yx: number[];
}

/**
 * Computes every config's deviance in both directions. Work is shared: each (kernel, variable) factor and its
 * regression basis are built once, and all λ of one kernel pair reuse them. After the subsample cap m and rank cap r the
 * cost is O(n) for validation and sampling plus O(m·r²) per factor and O(m·r²) per λ.
 */
export function pairDeviances(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  configs: readonly DevianceConfig[],
  settings: ComputeSettings,
  rng: Rng,
): PairDeviances {
  if (x.length !== y.length) throw new Error(`x and y differ in length (${x.length} vs ${y.length})`);
  // Validate on the full data so a constant or non-finite column is reported whatever the subsample is.
  const xs = standardize(x, 'x');
  const ys = standardize(y, 'y');
  const n = xs.length;
  if (n <= settings.subsample) return subsampleDeviances(xs, ys, configs, settings);
  const repeats = Math.max(1, Math.min(settings.subsamples, Math.ceil(n / settings.subsample)));
  const logXY = new Array<number>(configs.length).fill(0);
  const logYX = new Array<number>(configs.length).fill(0);
  for (let r = 0; r < repeats; r++) {
    const idx = rng.sampleIndices(n, settings.subsample);
    const d = subsampleDeviances(
      standardize(idx.map((i) => xs[i]), 'x (subsample)'),
      standardize(idx.map((i) => ys[i]), 'y (subsample)'),
      configs,
      settings,
    );
    for (let c = 0; c < configs.length; c++) {
      logXY[c] += Math.log(Math.max(d.xy[c], 1e-300)) / repeats;
      logYX[c] += Math.log(Math.max(d.yx[c], 1e-300)) / repeats;
    }
  }
  return { xy: logXY.map(Math.exp), yx: logYX.map(Math.exp) };
}

/** All configs on one (sub)sample of standardised data. */
function subsampleDeviances(
  xs: Float64Array,
  ys: Float64Array,
  configs: readonly DevianceConfig[],
  settings: LowRankSettings,
): PairDeviances {
  const hx = medianBandwidth(xs);
  const hy = medianBandwidth(ys);
  const factors = new Map<string, LowRankFactor>();
  const factor = (variable: 'x' | 'y', kernel: KernelName, multiplier: number): LowRankFactor => {
    const key = `${variable}${kernel}@${multiplier}`;
    let f = factors.get(key);
    if (!f) {
      const values = variable === 'x' ? xs : ys;
      f = gramFactor({ values, kernel, bandwidth: multiplier * (variable === 'x' ? hx : hy) }, settings);
      factors.set(key, f);
    }
    return f;
  };
  const bases = new Map<string, RegressionBasis>();
  const basis = (variable: 'x' | 'y', kernel: KernelName, multiplier: number): RegressionBasis => {
    const key = `${variable}${kernel}@${multiplier}`;
    let b = bases.get(key);
    if (!b) {
      b = regressionBasis(factor(variable, kernel, multiplier));
      bases.set(key, b);
    }
    return b;
  };
  const xy = new Array<number>(configs.length);
  const yx = new Array<number>(configs.length);
  const groups = new Map<string, number[]>();
  configs.forEach((c, i) => {
    const key = `${c.input}|${c.output}|${bandwidthOf(c)}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  for (const members of groups.values()) {
    const { input, output } = configs[members[0]];
    const h = bandwidthOf(configs[members[0]]);
    const lambdas = [...new Set(members.map((i) => configs[i].lambda))];
    const forward = conditionalNorms(basis('x', input, h), factor('y', output, h), lambdas);
    const backward = conditionalNorms(basis('y', input, h), factor('x', output, h), lambdas);
    for (const i of members) {
      const c = configs[i];
      const li = lambdas.indexOf(c.lambda);
      xy[i] = devianceStatistic(c.statistic, forward.s2[li], forward.mass[li]);
      yx[i] = devianceStatistic(c.statistic, backward.s2[li], backward.mass[li]);
    }
  }
  return { xy, yx };
}
