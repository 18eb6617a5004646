import { describe, expect, it } from 'vitest';
import { lcsLength, rougeL } from '../../../src/metrics/captions/rouge-l.js';

describe('rougeL (coco-caption semantics)', () => {
  it('finds the longest common subsequence', () => {
    expect(lcsLength('a b c d e'.split(' '), 'x b d y e'.split(' '))).toBe(3);
    expect(lcsLength([], ['a'])).toBe(0);
  });

  it('gives 1 to a perfect candidate and 0 with no common word', () => {
    expect(rougeL(['a red cube on the left'], [['a red cube on the left']]).perImage).toEqual([1]);
    expect(rougeL(['blue ball'], [['green box']]).perImage).toEqual([0]);
    expect(rougeL([''], [['green box']]).perImage).toEqual([0]);
  });

  it('takes the best precision and the best recall from different references (hand-computed)', () => {
    /*
     * Candidate "a red cube on the left" (6 tokens).
     *   vs "a red cube" (3): LCS 3 -> P = 3/6, R = 3/3 = 1.
     *   vs "the cube on the left side" (6): LCS "cube on the left" = 4 -> P = R = 4/6.
     * P_max = 2/3, R_max = 1: F = (1 + 1.44) (2/3) / (1 + 1.44 (2/3)) = 4.88 / 5.88 = 0.82993...
     * A second image with no overlap scores 0, so the mean is 0.41496...
     */
    const r = rougeL(['a red cube on the left', 'blue ball'], [['a red cube', 'the cube on the left side'], ['green box']]);
    expect(r.perImage[0]).toBeCloseTo(4.88 / 5.88, 15);
    expect(r.perImage[1]).toBe(0);
    expect(r.score).toBeCloseTo(4.88 / 5.88 / 2, 15);
  });

  it('weights recall by beta = 1.2', () => {
    // "red cube" | "a red cube": P = 1, R = 2/3: F = 2.44 (2/3) / (2/3 + 1.44) = 0.77215...
    expect(rougeL(['red cube'], [['a red cube']]).score).toBeCloseTo((2.44 * (2 / 3)) / (2 / 3 + 1.44), 15);
  });
});
