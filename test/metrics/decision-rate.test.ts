import { describe, expect, it } from 'vitest';
import { summariseDecisions } from '../../src/metrics/decision-rate.js';

describe('summariseDecisions', () => {
  // Hand-computed: ranked by confidence c(0.9, right, w1) b(0.5, wrong, w3) a(0.1, right, w1) d(0.1, wrong, w0.5).
  // Ties (a, d) break by id. Accuracy at k=1..4: 1, 1/2, 2/3, 2/4 -> mean 0.6666...
  // Weighted: 1/1, 1/4, 2/5, 2/5.5 -> mean (1 + 0.25 + 0.4 + 0.363636...)/4.
  const decisions = [
    { id: 'a', correct: true, weight: 1, confidence: 0.1 },
    { id: 'b', correct: false, weight: 3, confidence: 0.5 },
    { id: 'c', correct: true, weight: 1, confidence: 0.9 },
    { id: 'd', correct: false, weight: 0.5, confidence: 0.1 },
  ];
  const s = summariseDecisions(decisions);

  it('gives forced-decision accuracy, weighted and unweighted', () => {
    expect(s.n).toBe(4);
    expect(s.accuracy).toBeCloseTo(0.5, 12);
    expect(s.weightedAccuracy).toBeCloseTo(2 / 5.5, 12);
    expect(s.totalWeight).toBeCloseTo(5.5, 12);
  });

  it('ranks by confidence and averages the curve for its area', () => {
    expect(s.curve.map((p) => p.accuracy)).toEqual([1, 0.5, 2 / 3, 0.5]);
    expect(s.curve.map((p) => p.decisionRate)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(s.auc).toBeCloseTo((1 + 0.5 + 2 / 3 + 0.5) / 4, 12);
    expect(s.weightedAuc).toBeCloseTo((1 + 0.25 + 0.4 + 2 / 5.5) / 4, 12);
  });

  it('does not depend on input order', () => {
    const again = summariseDecisions([...decisions].reverse());
    expect(again.curve).toEqual(s.curve);
  });
});
