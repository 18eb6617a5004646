import { Decision, decisionFromSupport, voteOf } from './decision.js';
import { configLabel } from './deviance-config.js';
import { dot, sigmoid } from './logistic.js';
import { PairDeviances } from './pair-deviances.js';
import { ClassifierRule, FEATURE_CLIP } from './rule-file.js';
import { treeMargin } from './tree-ensemble.js';

const logOf = (s: number): number => Math.log(Math.max(s, 1e-300));

/**
 * The classifier's raw features: per config, clip(log S_{Y→X} − log S_{X→Y}). Positive favours x→y, and swapping
 * x and y negates every feature (antisymmetry, relied on by the intercept-free model).
 */
export function logRatioFeatures(d: PairDeviances): number[] {
  return d.xy.map((sxy, c) => Math.max(-FEATURE_CLIP, Math.min(FEATURE_CLIP, logOf(d.yx[c]) - logOf(sxy))));
}

/**
 * What the tree model reads for the pair as given and for the swapped pair: the log-ratios (negated when swapped)
 * and the symmetric context (log S_{X→Y} + log S_{Y→X}) / 2 of every reading, which says how large the deviances are.
 */
export function treeInputs(d: PairDeviances): { given: number[]; swapped: number[] } {
  const ratios = logRatioFeatures(d);
  const context = d.xy.map((sxy, c) => 0.5 * (logOf(sxy) + logOf(d.yx[c])));
  return { given: [...ratios, ...context], swapped: [...ratios.map((f) => -f), ...context] };
}

/** Rule 3: p(x→y) from the learned model over the rule's deviance features. */
export function classifierDecision(rule: ClassifierRule, d: PairDeviances): Decision {
  const votes = rule.features.map((c, i) => voteOf(configLabel(c), d.xy[i], d.yx[i]));
  const m = rule.model;
  if (m.kind === 'trees') {
    const { given, swapped } = treeInputs(d);
    return decisionFromSupport(sigmoid(treeMargin(m.trees, given) - treeMargin(m.trees, swapped)), votes);
  }
  const f = logRatioFeatures(d).map((v, c) => v / m.scale[c]);
  return decisionFromSupport(sigmoid(dot(m.weights, f)), votes);
}
