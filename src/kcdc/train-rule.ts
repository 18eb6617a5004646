import { Rng } from '../common/random.js';
import { logRatioFeatures, treeInputs } from './classifier-rule.js';
import { DevianceConfig } from './deviance-config.js';
import { fitLogistic } from './logistic.js';
import { ComputeSettings, PairDeviances, pairDeviances } from './pair-deviances.js';
import { ClassifierRule, LogisticModel, RULE_FORMAT, TreeModel, ruleVersionFor } from './rule-file.js';
import { fitTrees, TreeOptions } from './tree-ensemble.js';

export interface TrainOptions {
  /** The deviance readings used as features. */
  features: DevianceConfig[];
  /** The model: an L2 logistic regression on the unit-RMS log-ratios, or a tree ensemble. */
  model: { kind: 'logistic'; l2: number } | ({ kind: 'trees' } & TreeOptions);
  compute: ComputeSettings;
  /** Provenance copied into the rule file. */
  training?: Record<string, unknown>;
}

/**
 * Fits rule 3 on pairs whose truth is x → y. Each pair is used in both orientations (the swapped copy has the
 * negated log-ratios and the opposite label), so the classes are balanced by construction.
 */
export function trainRule(pairs: readonly { x: ArrayLike<number>; y: ArrayLike<number> }[], options: TrainOptions, rng: Rng): ClassifierRule {
  const deviances = pairs.map((p) => pairDeviances(p.x, p.y, options.features, options.compute, rng.fork()));
  const { kind, ...settings } = options.model;
  const model = options.model.kind === 'logistic' ? fitLogisticModel(deviances, options.model.l2) : fitTreeModel(deviances, options.model, rng.fork());
  const features = options.features.map((c) => ({ ...c }));
  return {
    format: RULE_FORMAT,
    version: ruleVersionFor({ model, features }),
    features,
    model,
    compute: { ...options.compute },
    training: { ...(options.training ?? {}), pairs: pairs.length, model: kind, ...settings },
  };
}

/**
 * Features are divided by their root mean square (not centred, which would break antisymmetry) so one l2 suits
 * every feature set.
 */
function fitLogisticModel(deviances: readonly PairDeviances[], l2: number): LogisticModel {
  const raw = deviances.map(logRatioFeatures);
  const k = raw[0]?.length ?? 0;
  const scale = new Array<number>(k).fill(0);
  for (const f of raw) for (let c = 0; c < k; c++) scale[c] += f[c] * f[c];
  for (let c = 0; c < k; c++) scale[c] = Math.sqrt(scale[c] / Math.max(raw.length, 1)) || 1;
  const features: number[][] = [];
  const labels: number[] = [];
  for (const f of raw) {
    const z = f.map((v, c) => v / scale[c]);
    features.push(z, z.map((v) => -v));
    labels.push(1, -1);
  }
  return { kind: 'logistic', scale, weights: fitLogistic(features, labels, l2) };
}

/** The trees learn g(x, y) on both orientations; the decision g(x, y) − g(y, x) is then antisymmetric. */
function fitTreeModel(deviances: readonly PairDeviances[], options: TreeOptions, rng: Rng): TreeModel {
  const X: number[][] = [];
  const labels: number[] = [];
  for (const d of deviances) {
    const { given, swapped } = treeInputs(d);
    X.push(given, swapped);
    labels.push(1, 0);
  }
  return { kind: 'trees', trees: fitTrees(X, labels, options, rng) };
}
