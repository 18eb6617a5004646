import { describe, expect, it } from 'vitest';
import { conceptSchedule, zipfWeights } from '../../src/captions/balance.js';

const CONCEPTS = ['red', 'blue', 'circle', 'square', 'left of', 'two objects', 'small'];

function counts(schedule: (i: number) => string, n: number): Map<string, number> {
  const c = new Map<string, number>();
  for (let i = 0; i < n; i++) c.set(schedule(i), (c.get(schedule(i)) ?? 0) + 1);
  return c;
}

describe('conceptSchedule', () => {
  it('uniform: every prefix gives each concept floor(n/|C|) or ceil(n/|C|) rows', () => {
    const schedule = conceptSchedule(CONCEPTS, { balance: 'uniform', zipfS: 1, seed: 4 });
    for (const n of [1, 6, 7, 30, 52, 700]) {
      const c = counts(schedule, n);
      const lo = Math.floor(n / CONCEPTS.length);
      for (const concept of CONCEPTS) {
        const k = c.get(concept) ?? 0;
        expect(k === lo || k === lo + 1, `${concept}: ${k} rows of ${n}`).toBe(true);
      }
      expect([...c.values()].reduce((a, b) => a + b, 0)).toBe(n);
    }
  });

  it('uniform: blocks are shuffled, so the order is not simply the list order', () => {
    const schedule = conceptSchedule(CONCEPTS, { balance: 'uniform', zipfS: 1, seed: 4 });
    const blocks = [0, 1, 2].map((b) => CONCEPTS.map((_, k) => schedule(b * CONCEPTS.length + k)).join('|'));
    expect(new Set(blocks).size).toBeGreaterThan(1);
    expect(blocks.some((b) => b !== CONCEPTS.join('|'))).toBe(true);
  });

  it('depends only on (seed, index): any order of calls and a fresh schedule give the same concepts', () => {
    for (const balance of ['uniform', 'zipf'] as const) {
      const forward = conceptSchedule(CONCEPTS, { balance, zipfS: 1.3, seed: 9 });
      const backward = conceptSchedule(CONCEPTS, { balance, zipfS: 1.3, seed: 9 });
      const a = Array.from({ length: 50 }, (_, i) => forward(i));
      const b = Array.from({ length: 50 }, (_, i) => backward(49 - i)).reverse();
      expect(b).toEqual(a);
      const other = conceptSchedule(CONCEPTS, { balance, zipfS: 1.3, seed: 10 });
      expect(Array.from({ length: 50 }, (_, i) => other(i))).not.toEqual(a);
    }
  });

  it('zipf weights are 1/(r+1)^s normalised', () => {
    expect(zipfWeights(3, 1)).toEqual([6 / 11, 3 / 11, 2 / 11].map((v) => expect.closeTo(v, 12)));
    expect(zipfWeights(2, 2)).toEqual([0.8, 0.2].map((v) => expect.closeTo(v, 12)));
    expect(zipfWeights(4, 0)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('zipf: concept frequencies follow the weights in list order', () => {
    const n = 40_000;
    const schedule = conceptSchedule(CONCEPTS, { balance: 'zipf', zipfS: 1.2, seed: 2 });
    const c = counts(schedule, n);
    const p = zipfWeights(CONCEPTS.length, 1.2);
    CONCEPTS.forEach((concept, r) => {
      const share = (c.get(concept) ?? 0) / n;
      // 4 binomial standard deviations
      expect(Math.abs(share - p[r])).toBeLessThan(4 * Math.sqrt((p[r] * (1 - p[r])) / n));
    });
    // the head is the first concept and shares fall with rank
    const shares = CONCEPTS.map((x) => c.get(x) ?? 0);
    expect(shares[0]).toBeGreaterThan(shares[1]);
    expect(shares[1]).toBeGreaterThan(shares[6]);
  });
});
