import type { DecisionSummary } from './decision-rate.js';

export interface PairEvaluation {
  readonly summary: DecisionSummary;
  /** Pairs the method did not decide (a flagged skip upstream); they are left out of every figure. */
  readonly skipped: number;
  readonly weighted: boolean;
}

/** The headline numbers of a pair evaluation, as `--json` prints them and `causal.metrics` stores them. */
export function pairMetrics(e: PairEvaluation): Record<string, number | boolean> {
  const s = e.summary;
  return {
    pairs: s.n,
    skipped: e.skipped,
    weighted: e.weighted,
    accuracy: s.accuracy,
    weighted_accuracy: s.weightedAccuracy,
    total_weight: s.totalWeight,
    auc: s.auc,
    weighted_auc: s.weightedAuc,
  };
}
