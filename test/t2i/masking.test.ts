/** Training masks (cosine mask ratio) and the decoding schedule, against hand-computed values. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { drawMask, maskedCount, maskRatio, unmaskSchedule } from '../../src/t2i/masking.js';

describe('training masks', () => {
  it('the ratio is cos(pi/2 u): 1 at u = 0, 1/sqrt(2) at 1/2, 0 at 1', () => {
    expect(maskRatio(0)).toBe(1);
    expect(maskRatio(0.5)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(maskRatio(1)).toBeCloseTo(0, 12);
  });

  it('masks ceil(r n) positions, at least one and at most n', () => {
    expect(maskedCount(1, 64)).toBe(64);
    expect(maskedCount(0.5, 64)).toBe(32);
    expect(maskedCount(0.501, 64)).toBe(33);
    expect(maskedCount(1e-9, 64)).toBe(1);
    expect(maskedCount(0, 64)).toBe(1);
  });

  it('draws u then that many distinct positions from the row generator', () => {
    for (let seed = 0; seed < 50; seed++) {
      const mask = drawMask(new Rng(seed), 64);
      const u = new Rng(seed).uniform();
      expect(mask).toHaveLength(Math.max(1, Math.ceil(Math.cos((Math.PI / 2) * u) * 64)));
      expect(new Set(mask).size).toBe(mask.length);
      expect(mask.every((p, i) => Number.isInteger(p) && p >= 0 && p < 64 && (i === 0 || p > mask[i - 1]))).toBe(true);
    }
  });

  it('masks 2/pi of the positions on average (the mean of cos(pi/2 u)), plus the rounding up', () => {
    const rng = new Rng(3);
    const n = 64;
    let masked = 0;
    const rows = 20000;
    for (let i = 0; i < rows; i++) masked += drawMask(rng, n).length;
    // ceil adds half a position on average
    expect(masked / rows / n).toBeCloseTo(2 / Math.PI + 0.5 / n, 2);
  });
});

describe('decoding schedule', () => {
  it('keeps floor(n cos(pi/2 (s+1)/S)) masked after step s and ends fully unmasked', () => {
    // 64 cos(pi/16 k) for k = 1..7: 62.77 59.13 53.22 45.25 35.56 24.49 12.49
    expect(unmaskSchedule(8, 64)).toEqual([62, 59, 53, 45, 35, 24, 12, 0]);
    expect(unmaskSchedule(1, 64)).toEqual([0]);
    expect(unmaskSchedule(2, 64)).toEqual([45, 0]);
  });

  it('reveals at least one token a step while it can, and keeps one masked until the last step', () => {
    // 3 cos(pi/10 k): 2.85 2.43 1.76 0.93; clamped to [1, before - 1]
    expect(unmaskSchedule(5, 3)).toEqual([2, 1, 1, 1, 0]);
    for (const [S, n] of [[8, 64], [12, 16], [24, 64], [3, 1], [30, 10]]) {
      const s = unmaskSchedule(S, n);
      expect(s).toHaveLength(S);
      expect(s[S - 1]).toBe(0);
      let before = n;
      for (const m of s.slice(0, -1)) {
        expect(m).toBeGreaterThanOrEqual(Math.min(1, before));
        expect(m).toBeLessThan(Math.max(before, 2));
        before = m;
      }
    }
  });
});
