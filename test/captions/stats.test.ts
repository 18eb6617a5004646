import { describe, expect, it } from 'vitest';
import { CaptionStats } from '../../src/captions/stats.js';

describe('CaptionStats', () => {
  it('matches hand-computed values on a three-row set', () => {
    const stats = new CaptionStats(['red', 'blue', 'left of', 'green']);
    stats.add('a red cube', 'red');
    stats.add('a red cube', 'red');
    stats.add('a blue ball left of a red cube', 'left of');
    const s = stats.summary();
    expect(s.rows).toBe(3);
    expect(s.distinct_captions).toBe(2);
    // 1-grams: 14 in all, {a red cube blue ball left of}; 2-grams: 2+2+7, 7 distinct; 3-grams 1+1+6, 6 distinct; 4-grams 0+0+5
    expect(s.distinct_ngrams).toEqual([7, 7, 6, 5]);
    expect(s.distinct_n).toEqual([0.5, 7 / 11, 0.75, 1]);
    expect(s.vocabulary).toBe(7);
    expect(s.mean_words).toBeCloseTo(14 / 3, 12);
    expect(s.concepts).toBe(4);
    expect(s.concept_coverage_prompted).toBe(0.5);
    // red, blue and left of occur in some caption; green nowhere
    expect(s.concept_coverage_mentioned).toBe(0.75);
    expect(s.concept_mention_rate).toBe(1);
    const h = -((2 / 3) * Math.log2(2 / 3) + (1 / 3) * Math.log2(1 / 3));
    expect(s.concept_entropy_bits).toBeCloseTo(0.9182958340544896, 12);
    expect(s.concept_balance).toBeCloseTo(h / 2, 12);
  });

  it('counts rows that do not name their concept, and gives balance 1 for an even spread', () => {
    const stats = new CaptionStats(['red', 'blue']);
    stats.add('a blue square', 'red');
    stats.add('a blue circle', 'blue');
    const s = stats.summary();
    expect(s.concept_mention_rate).toBe(0.5);
    expect(s.concept_coverage_mentioned).toBe(0.5);
    expect(s.concept_entropy_bits).toBe(1);
    expect(s.concept_balance).toBe(1);
  });

  it('is all zeros on an empty set', () => {
    const s = new CaptionStats(['a']).summary();
    expect(s).toMatchObject({ rows: 0, distinct_captions: 0, distinct_n: [0, 0, 0, 0], mean_words: 0, concept_entropy_bits: 0, concept_balance: 0 });
  });
});
