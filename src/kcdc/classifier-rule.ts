import { Decision, decisionFromSupport, voteOf } from './decision.js';
import { configLabel } from './deviance-config.js';
import { dot, sigmoid } from './logistic.js';
import { PairDeviances } from './pair-deviances.js';
import { ClassifierRule, FEATURE_CLIP } from './rule-file.js';

/**
 * The classifier's raw features: per config, clip(log S_{Y→X} − log S_{X→Y}). Positive favours x→y, and swapping
 * x and y negates every feature (antisymmetry, relied on by the intercept-free model).
 */
export function logRatioFeatures(d: PairDeviances): number[] {
  return d.xy.map((sxy, c) => {
    const r = Math.log(Math.max(d.yx[c], 1e-300)) - Math.log(Math.max(sxy, 1e-300));
    return Math.max(-FEATURE_CLIP, Math.min(FEATURE_CLIP, r));
  });
}

/** Rule 3: p(x→y) from the learned logistic model over the rule's deviance features. */
export function classifierDecision(rule: ClassifierRule, d: PairDeviances): Decision {
  const f = logRatioFeatures(d).map((v, c) => v / rule.scale[c]);
  const votes = rule.features.map((c, i) => voteOf(configLabel(c), d.xy[i], d.yx[i]));
  return decisionFromSupport(sigmoid(dot(rule.weights, f)), votes);
}
