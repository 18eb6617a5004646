/** One scored decision: was it right, how much the pair counts, and how sure the method was. */
export interface ScoredDecision {
  readonly id: string;
  readonly correct: boolean;
  readonly weight: number;
  readonly confidence: number;
}

export interface CurvePoint {
  /** Fraction of pairs decided: the k most confident of n. */
  readonly decisionRate: number;
  readonly accuracy: number;
  readonly weightedAccuracy: number;
  /** The confidence of the k-th decision: deciding only above it gives this point. */
  readonly threshold: number;
}

export interface DecisionSummary {
  readonly n: number;
  readonly accuracy: number;
  readonly weightedAccuracy: number;
  readonly totalWeight: number;
  /** Area under the accuracy-versus-decision-rate curve: the mean of its n points (Mooij et al. 2016). */
  readonly auc: number;
  readonly weightedAuc: number;
  readonly curve: CurvePoint[];
}

/**
 * Accuracy with all decisions forced, and the curve obtained by deciding only the most confident pairs. Ties in
 * confidence are broken by id so that the curve is a function of the data alone.
 */
export function summariseDecisions(decisions: readonly ScoredDecision[]): DecisionSummary {
  const ranked = [...decisions].sort((a, b) => b.confidence - a.confidence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const curve: CurvePoint[] = [];
  let correct = 0;
  let weightCorrect = 0;
  let weightSeen = 0;
  ranked.forEach((d, k) => {
    if (d.correct) {
      correct++;
      weightCorrect += d.weight;
    }
    weightSeen += d.weight;
    curve.push({
      decisionRate: (k + 1) / ranked.length,
      accuracy: correct / (k + 1),
      weightedAccuracy: weightSeen > 0 ? weightCorrect / weightSeen : NaN,
      threshold: d.confidence,
    });
  });
  const n = ranked.length;
  const mean = (f: (p: CurvePoint) => number): number => (n ? curve.reduce((s, p) => s + f(p), 0) / n : NaN);
  return {
    n,
    accuracy: n ? correct / n : NaN,
    weightedAccuracy: weightSeen > 0 ? weightCorrect / weightSeen : NaN,
    totalWeight: weightSeen,
    auc: mean((p) => p.accuracy),
    weightedAuc: mean((p) => (Number.isNaN(p.weightedAccuracy) ? 0 : p.weightedAccuracy)),
    curve,
  };
}
