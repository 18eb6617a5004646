import { Rng } from '../common/random.js';
import { logRatioFeatures } from './classifier-rule.js';
import { DevianceConfig } from './deviance-config.js';
import { fitLogistic } from './logistic.js';
import { ComputeSettings, pairDeviances } from './pair-deviances.js';
import { ClassifierRule, RULE_FORMAT, ruleVersionFor } from './rule-file.js';

export interface TrainOptions {
  /** The deviance readings used as features. */
  features: DevianceConfig[];
  /** L2 penalty on the weights of the unit-RMS features. */
  l2: number;
  compute: ComputeSettings;
  /** Provenance copied into the rule file. */
  training?: Record<string, unknown>;
}

/**
 * Fits rule 3 on pairs whose truth is x → y. Each pair is used in both orientations: the swapped copy has the
 * negated features and the opposite label, so the classes are balanced by construction. Features are divided by
 * their root mean square (not centred, which would break antisymmetry) so one l2 suits every feature set.
 */
export function trainRule(pairs: readonly { x: ArrayLike<number>; y: ArrayLike<number> }[], options: TrainOptions, rng: Rng): ClassifierRule {
  const raw = pairs.map((p) => logRatioFeatures(pairDeviances(p.x, p.y, options.features, options.compute, rng.fork())));
  const k = options.features.length;
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
  const weights = fitLogistic(features, labels, options.l2);
  return {
    format: RULE_FORMAT,
    version: ruleVersionFor(options.features),
    features: options.features.map((c) => ({ ...c })),
    scale,
    weights,
    compute: { ...options.compute },
    training: { ...(options.training ?? {}), pairs: pairs.length, l2: options.l2 },
  };
}
