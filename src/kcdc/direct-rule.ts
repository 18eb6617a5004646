import { Decision, decisionFromSupport, voteOf } from './decision.js';
import { configLabel, DevianceConfig } from './deviance-config.js';
import { PairDeviances } from './pair-deviances.js';

/**
 * Rule 1, direct comparison with one config: x→y when S_{X→Y} < S_{Y→X}. The support for x→y is
 * S_{Y→X}/(S_{X→Y} + S_{Y→X}), so confidence = |ΔS|/ΣS, a relative difference in [0, 1].
 */
export function directDecision(config: DevianceConfig, d: PairDeviances): Decision {
  const sxy = d.xy[0];
  const syx = d.yx[0];
  const total = sxy + syx;
  return decisionFromSupport(total > 0 ? syx / total : 0.5, [voteOf(configLabel(config), sxy, syx)]);
}
