import { rngFor } from '../common/random.js';
import { makePairs, makeRealisticPairs, MechanismName, REALISTIC_DEFAULTS, SyntheticPair } from '../pairs/index.js';
import { DevianceConfig } from './deviance-config.js';
import { ComputeSettings } from './pair-deviances.js';
import { ClassifierRule, parseRule } from './rule-file.js';
import { STATISTIC_NAMES } from './statistics.js';
import { trainRule, type TrainOptions } from './train-rule.js';
import committed from './default-rule.json' with { type: 'json' };

/**
 * The default classifier rule (rule 3), fitted only on synthetic pairs. The choices below were made by synthetic
 * validation (bench/kcdc/NOTES.md); `fitDefaultRule(DEFAULT_RULE_SEED)` regenerates default-rule.json bit for bit.
 */
export const DEFAULT_RULE_SEED = 2018;

/**
 * Every kernel pair of rbf/laplace/rq × λ 1e-5, 1e-3, 1e-1 × every statistic, at the median-heuristic bandwidth and
 * at half and twice it: 243 readings (bench/kcdc/NOTES.md, "Fourth pass"). One computation serves each
 * (variable, kernel, bandwidth).
 */
export const DEFAULT_FEATURES: DevianceConfig[] = [1, 0.5, 2].flatMap((bandwidth) =>
  (['rbf', 'laplace', 'rq'] as const).flatMap((input) =>
    (['rbf', 'laplace', 'rq'] as const).flatMap((output) =>
      [1e-5, 1e-3, 1e-1].flatMap((lambda) =>
        STATISTIC_NAMES.map((statistic) => (bandwidth === 1 ? { input, output, lambda, statistic } : { input, output, lambda, statistic, bandwidth })),
      ),
    ),
  ),
);

export const DEFAULT_COMPUTE: ComputeSettings = { subsample: 300, subsamples: 2, maxRank: 60, relTol: 1e-6 };

/**
 * Symmetrised gradient-boosted trees on the log-ratios and their symmetric context (src/kcdc/tree-ensemble.ts).
 * On fresh synthetic validation they beat the logistic rule on the 135 single-bandwidth readings by 0.858 → 0.911
 * (+93/−33 pairs, paired z 5.35; bench/kcdc/NOTES.md, "Fourth pass").
 */
export const DEFAULT_MODEL: TrainOptions['model'] = {
  kind: 'trees',
  trees: 600,
  depth: 3,
  learningRate: 0.05,
  rowSample: 0.8,
  colSample: 0.5,
  bins: 32,
  leafL2: 1,
  minHessian: 1,
};

/**
 * Training distribution, two parts (bench/kcdc/NOTES.md, "Realistic training pairs"):
 * - the fixed-cell grid: every mechanism at several sizes, all function families, noise and cause laws, noise
 *   scales up to the signal's, and 30% of variables quantised, because real pairs are often tied or discrete;
 * - `realistic` pairs (makeRealisticPairs): n from 100 to 1000, skewed / clipped / multi-modal causes, saturating
 *   mechanisms, heteroscedastic noise, near-deterministic to noisy (log-uniform noise scale), quantisation and
 *   outliers. On synthetic validation from other seeds the mix beat either part alone.
 */
export const DEFAULT_TRAINING = {
  pairsPerCell: 60,
  sizes: [100, 200, 400],
  mechanisms: ['additive', 'multiplicative', 'heteroscedastic'] as MechanismName[],
  noiseScale: [0.1, 1] as [number, number],
  discretize: 0.3,
  realistic: { count: 1000, ...REALISTIC_DEFAULTS },
  /** More realistic pairs, half of them with one of the Tübingen-like traits (ordinal, near-deterministic...). */
  traits: { count: 1000, ...REALISTIC_DEFAULTS, traits: 0.5 },
};

/** The synthetic training pairs of the default rule (truth x → y): the cell grid, the realistic pairs, the trait pairs. */
export function defaultTrainingPairs(seed: number): SyntheticPair[] {
  const rng = rngFor(seed, 'kcdc-default-rule-pairs');
  const pairs: SyntheticPair[] = [];
  for (const n of DEFAULT_TRAINING.sizes)
    for (const mechanism of DEFAULT_TRAINING.mechanisms)
      pairs.push(
        ...makePairs(
          { count: DEFAULT_TRAINING.pairsPerCell, n, mechanism, noiseScale: DEFAULT_TRAINING.noiseScale, discretize: DEFAULT_TRAINING.discretize },
          rng.fork(),
        ),
      );
  pairs.push(...makeRealisticPairs(DEFAULT_TRAINING.realistic, rng.fork()));
  pairs.push(...makeRealisticPairs(DEFAULT_TRAINING.traits, rng.fork()));
  return pairs;
}

/** Refits the default rule; with DEFAULT_RULE_SEED the result serialises (ruleToJson) to default-rule.json. */
export function fitDefaultRule(seed: number = DEFAULT_RULE_SEED): ClassifierRule {
  const pairs = defaultTrainingPairs(seed);
  return trainRule(
    pairs,
    {
      features: DEFAULT_FEATURES,
      model: DEFAULT_MODEL,
      compute: DEFAULT_COMPUTE,
      training: { seed, generator: 'fitDefaultRule', ...DEFAULT_TRAINING, features: 'DEFAULT_FEATURES' },
    },
    rngFor(seed, 'kcdc-default-rule-features'),
  );
}

/** The committed default rule, validated like any rule file. */
export const DEFAULT_RULE: ClassifierRule = parseRule(committed as unknown);

