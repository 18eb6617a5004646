import { describe, expect, it } from 'vitest';
import { bleu } from '../../../src/metrics/captions/bleu.js';

// bleu_scorer.py's smoothing: precision_n = (correct_n + TINY) / (guess_n + SMALL).
const TINY = 1e-15;
const SMALL = 1e-9;
const p = (correct: number, guess: number): number => (correct + TINY) / (guess + SMALL);

describe('bleu (coco-caption semantics)', () => {
  it('is about 1 for a perfect set, and about 0 (not exactly) with no overlap', () => {
    const refs = [['hello world good bye'], ['this is perfect test', 'this is perfect test']];
    const perfect = bleu(['hello world good bye', 'this is perfect test'], refs);
    for (const b of perfect.bleu) expect(b).toBeCloseTo(1, 8);
    // pycocoevalcap prints 0.9999999997500004 for BLEU-1 here: c = r = 8, yet (c + TINY)/(r + SMALL) < 1 applies
    // the brevity penalty exp(1 - (8 + SMALL)/(8 + TINY)) on top of the precision (8 + TINY)/(8 + SMALL).
    expect(perfect.bleu[0]).toBeCloseTo(p(8, 8) * Math.exp(1 - (8 + SMALL) / (8 + TINY)), 15);
    expect(perfect.bleu[0]).toBe(0.9999999997500004);
    const none = bleu(['how are you today', 'only wrong words here'], refs);
    for (const b of none.bleu) expect(b).toBeLessThan(1e-15);
    expect(none.bleu[0]).toBe(1.2499999996875005e-16);
  });

  it('pools clipped matches over the set and takes the closest reference length (hand-computed)', () => {
    /*
     * Image 1: "a red cube" | "a red cube", "the red box is here": lengths 3, 5 -> closest 3.
     *   1-grams a, red, cube all match (3 of 3); 2-grams "a red", "red cube" (2 of 2); 3-gram (1 of 1).
     * Image 2: "the ball" | "a blue ball", "ball": lengths 3 and 1 are both 1 from 2 -> the shorter, 1.
     *   1-grams: "ball" matches, "the" does not (1 of 2); 2-gram "the ball" does not (0 of 1).
     * Totals: correct [4, 2, 1, 0], guess [5, 3, 1, 0]; c = 5, r = 3 + 1 = 4: no brevity penalty.
     * BLEU-1 = 4/5, BLEU-2 = (4/5 * 2/3)^(1/2), BLEU-3 = (4/5 * 2/3 * 1)^(1/3),
     * BLEU-4 = (4/5 * 2/3 * 1 * TINY/SMALL)^(1/4) = 0.0270... (no 4-gram at all: 1e-6 stands in for 0/0).
     */
    const r = bleu(['a red cube', 'the ball'], [['a red cube', 'the red box is here'], ['a blue ball', 'ball']]);
    expect(r.testLength).toBe(5);
    expect(r.referenceLength).toBe(4);
    const p1 = p(4, 5);
    const p12 = p1 * p(2, 3);
    const p123 = p12 * p(1, 1);
    expect(r.bleu[0]).toBeCloseTo(p1, 15);
    expect(r.bleu[1]).toBeCloseTo(Math.sqrt(p12), 15);
    expect(r.bleu[2]).toBeCloseTo(Math.cbrt(p123), 15);
    expect(r.bleu[3]).toBeCloseTo((p123 * p(0, 0)) ** 0.25, 15);
    // The values pycocoevalcap (py3 port of bleu_scorer.py) prints for this set.
    expect(r.bleu).toEqual([0.7999999998400001, 0.7302967431454759, 0.810960265661963, 0.027024003085781498]);
  });

  it('applies the brevity penalty exp(1 - r/c) when the candidates are shorter', () => {
    // "red cube" | "a red cube": c = 2, r = 3; precisions 2/2, 1/1, then none.
    const r = bleu(['red cube'], [['a red cube']]);
    const bp = Math.exp(1 - (3 + SMALL) / (2 + TINY));
    expect(bp).toBeCloseTo(Math.exp(-0.5), 9);
    expect(r.bleu[0]).toBeCloseTo(p(2, 2) * bp, 15);
    expect(r.bleu[1]).toBeCloseTo(Math.sqrt(p(2, 2) * p(1, 1)) * bp, 15);
    expect(r.bleu[2]).toBeCloseTo(Math.cbrt(p(2, 2) * p(1, 1) * p(0, 0)) * bp, 15);
  });

  it('clips a repeated word to its largest count in one reference', () => {
    // "the the the" | "the cat", "the the dog": max count of "the" is 2 -> 2 of 3 unigrams match. c = r = 3.
    const r = bleu(['the the the'], [['the cat', 'the the dog']]);
    expect(r.bleu[0]).toBeCloseTo(p(2, 3) * Math.exp(1 - (3 + SMALL) / (3 + TINY)), 15);
  });
});
