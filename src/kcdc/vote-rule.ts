import { Decision, decisionFromSupport, voteOf } from './decision.js';
import { configLabel, DevianceConfig } from './deviance-config.js';
import { PairDeviances } from './pair-deviances.js';

/**
 * Rule 2, majority vote over a set of configs: each casts the direct-comparison vote. The support for x→y is the
 * vote fraction, so confidence = |2·fraction − 1|. A split vote is broken by the sum of the log deviance ratios
 * (and, failing that, goes to x→y with confidence 0).
 */
export function voteDecision(configs: readonly DevianceConfig[], d: PairDeviances): Decision {
  const votes = configs.map((c, i) => voteOf(configLabel(c), d.xy[i], d.yx[i]));
  const forXY = votes.filter((v) => v.direction === 'x->y').length;
  let support = forXY / votes.length;
  if (support === 0.5) {
    let logRatio = 0;
    for (let i = 0; i < configs.length; i++) logRatio += Math.log(d.yx[i] + 1e-300) - Math.log(d.xy[i] + 1e-300);
    // Move just off the tie so the direction follows the tie-break while the confidence stays essentially 0.
    if (logRatio !== 0) support += logRatio > 0 ? 1e-9 : -1e-9;
  }
  return decisionFromSupport(support, votes);
}
