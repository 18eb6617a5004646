import { rngFor } from '../common/random.js';
import { makePairs, makeRealisticPairs, MechanismName, REALISTIC_DEFAULTS, SyntheticPair } from '../pairs/index.js';
import { DevianceConfig } from './deviance-config.js';
import { ComputeSettings } from './pair-deviances.js';
import { ClassifierRule, parseRule } from './rule-file.js';
import { STATISTIC_NAMES } from './statistics.js';
import { trainRule } from './train-rule.js';
import committed from './default-rule.json' with { type: 'json' };

/**
 * The default classifier rule (rule 3), fitted only on synthetic pairs. The choices below were made by synthetic
 * validation (bench/kcdc/NOTES.md); `fitDefaultRule(DEFAULT_RULE_SEED)` regenerates default-rule.json bit for bit.
 */
export const DEFAULT_RULE_SEED = 2018;

/** Every kernel pair of rbf/laplace/rq × five λ decades × every statistic: 135 readings, one shared computation. */
export const DEFAULT_FEATURES: DevianceConfig[] = (['rbf', 'laplace', 'rq'] as const).flatMap((input) =>
  (['rbf', 'laplace', 'rq'] as const).flatMap((output) =>
    [1e-5, 1e-4, 1e-3, 1e-2, 1e-1].flatMap((lambda) => STATISTIC_NAMES.map((statistic) => ({ input, output, lambda, statistic }))),
  ),
);

export const DEFAULT_COMPUTE: ComputeSettings = { subsample: 300, subsamples: 2, maxRank: 60, relTol: 1e-6 };

export const DEFAULT_L2 = 1;

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
};

/** The synthetic training pairs of the default rule (truth x → y): the cell grid, then the realistic pairs. */
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
  return pairs;
}

/** Refits the default rule; with DEFAULT_RULE_SEED the result serialises (ruleToJson) to default-rule.json. */
export function fitDefaultRule(seed: number = DEFAULT_RULE_SEED): ClassifierRule {
  const pairs = defaultTrainingPairs(seed);
  return trainRule(
    pairs,
    {
      features: DEFAULT_FEATURES,
      l2: DEFAULT_L2,
      compute: DEFAULT_COMPUTE,
      training: { seed, generator: 'fitDefaultRule', ...DEFAULT_TRAINING, features: 'DEFAULT_FEATURES' },
    },
    rngFor(seed, 'kcdc-default-rule-features'),
  );
}

/** The committed default rule, validated like any rule file. */
export const DEFAULT_RULE: ClassifierRule = parseRule(committed as unknown);

