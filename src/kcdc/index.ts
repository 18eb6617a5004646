/** KCDC: kernel conditional deviance for cause-effect discovery (see /work/shared/methods/kcdc.md). */
export { discover } from './discover.js';
export { trainRule, type TrainOptions } from './train-rule.js';
export { parseRule, ruleToJson, RULE_FORMAT, RULE_VERSION, type ClassifierRule } from './rule-file.js';
export { DEFAULT_OPTIONS, RULE_NAMES, type KcdcOptions, type RuleName } from './options.js';
export {
  DEFAULT_RULE,
  DEFAULT_RULE_SEED,
  DEFAULT_FEATURES,
  DEFAULT_COMPUTE,
  DEFAULT_MODEL,
  DEFAULT_TRAINING,
  defaultTrainingPairs,
  fitDefaultRule,
} from './default-rule.js';
export { pairDeviances, type ComputeSettings, type PairDeviances } from './pair-deviances.js';
export { configLabel, parseConfig, type DevianceConfig } from './deviance-config.js';
export { KERNEL_NAMES, type KernelName } from './kernels.js';
export { STATISTIC_NAMES, type StatisticName } from './statistics.js';
export type { Decision, Direction, Vote } from './decision.js';
