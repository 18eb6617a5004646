import { DEFAULT_COMPUTE, DEFAULT_RULE } from './default-rule.js';
import { DevianceConfig } from './deviance-config.js';
import { ComputeSettings } from './pair-deviances.js';
import { ClassifierRule } from './rule-file.js';

export const RULE_NAMES = ['direct', 'vote', 'classifier'] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export interface KcdcOptions {
  /** Which decision rule decides the pair. */
  rule: RuleName;
  /** Rule 1's single config. */
  direct: DevianceConfig;
  /** Rule 2's voting configs (an odd count avoids split votes). */
  vote: DevianceConfig[];
  /** Rule 3's learned model; it carries its own features and compute settings. */
  classifier: ClassifierRule;
  /** Subsample cap and low-rank settings for rules 1 and 2. */
  compute: ComputeSettings;
}

export const DEFAULT_OPTIONS: KcdcOptions = {
  rule: 'classifier',
  // Chosen by synthetic validation (bench/kcdc/NOTES.md): the best single config, and for the vote the best
  // config of each of the nine kernel pairs, so the voters differ in kernel rather than repeat one reading.
  direct: { input: 'laplace', output: 'rbf', lambda: 1e-4, statistic: 'ncv' },
  vote: [
    { input: 'laplace', output: 'rbf', lambda: 1e-4, statistic: 'ncv' },
    { input: 'laplace', output: 'rq', lambda: 1e-4, statistic: 'ncv' },
    { input: 'laplace', output: 'laplace', lambda: 1e-4, statistic: 'ncv' },
    { input: 'rq', output: 'laplace', lambda: 1e-5, statistic: 'cv' },
    { input: 'rq', output: 'rbf', lambda: 1e-5, statistic: 'cv' },
    { input: 'rq', output: 'rq', lambda: 1e-5, statistic: 'cv' },
    { input: 'rbf', output: 'laplace', lambda: 1e-5, statistic: 'cv' },
    { input: 'rbf', output: 'rbf', lambda: 1e-5, statistic: 'cv' },
    { input: 'rbf', output: 'rq', lambda: 1e-1, statistic: 'cv' },
  ],
  classifier: DEFAULT_RULE,
  compute: DEFAULT_COMPUTE,
};
