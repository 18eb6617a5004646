import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/common/errors.js';
import { Rng } from '../../src/common/random.js';
import { makeRealisticPairs, REALISTIC_TRAITS } from '../../src/pairs/index.js';

describe('makeRealisticPairs', () => {
  it('is deterministic for a seed, and earlier pairs do not depend on the count', () => {
    const a = makeRealisticPairs({ count: 4, nMin: 50, nMax: 120 }, new Rng(1));
    expect(makeRealisticPairs({ count: 4, nMin: 50, nMax: 120 }, new Rng(1))).toEqual(a);
    expect(makeRealisticPairs({ count: 8, nMin: 50, nMax: 120 }, new Rng(1)).slice(0, 4)).toEqual(a);
    expect(makeRealisticPairs({ count: 4, nMin: 50, nMax: 120 }, new Rng(2))[0].x).not.toEqual(a[0].x);
  });

  it('draws finite pairs of varied size, every mechanism, and never a nearly constant variable', () => {
    const pairs = makeRealisticPairs({ count: 300, nMin: 100, nMax: 400, discretize: 0.5 }, new Rng(7));
    const sizes = new Set(pairs.map((p) => p.x.length));
    expect(sizes.size).toBeGreaterThan(50);
    expect(new Set(pairs.map((p) => p.mechanism))).toEqual(new Set(['additive', 'multiplicative', 'heteroscedastic']));
    for (const p of pairs) {
      expect(p.y.length).toBe(p.x.length);
      expect(p.x.length).toBeGreaterThanOrEqual(100);
      expect(p.x.length).toBeLessThanOrEqual(400);
      expect([...p.x, ...p.y].every(Number.isFinite)).toBe(true);
      for (const v of [p.x, p.y]) {
        const counts = new Map<number, number>();
        for (const a of v) counts.set(a, (counts.get(a) ?? 0) + 1);
        // Quantisation is skipped when it would put most points on one level; outliers touch at most 3%.
        expect(Math.max(...counts.values())).toBeLessThanOrEqual(0.55 * v.length);
      }
    }
    // Some pairs are quantised (few distinct values), some are not.
    expect(pairs.some((p) => new Set(p.y).size <= 45)).toBe(true);
    expect(pairs.some((p) => new Set(p.y).size === p.y.length)).toBe(true);
  });

  it('rejects bad specs with a UsageError', () => {
    expect(() => makeRealisticPairs({ count: -1 }, new Rng(1))).toThrow(UsageError);
    expect(() => makeRealisticPairs({ count: 1, nMin: 5 }, new Rng(1))).toThrow(UsageError);
    expect(() => makeRealisticPairs({ count: 1, noiseScale: [0, 1] }, new Rng(1))).toThrow(UsageError);
  });
});

describe('makeRealisticPairs traits', () => {
  it('traits = 0 (the default) draws exactly the pairs of the generator without the option', () => {
    const a = makeRealisticPairs({ count: 5, nMin: 50, nMax: 120 }, new Rng(4));
    expect(makeRealisticPairs({ count: 5, nMin: 50, nMax: 120, traits: 0 }, new Rng(4))).toEqual(a);
    expect(a.every((p) => p.trait === undefined)).toBe(true);
  });

  it('traits = 1 gives every pair one trait, all four appear, and the pairs stay finite and non-degenerate', () => {
    const pairs = makeRealisticPairs({ count: 200, nMin: 100, nMax: 300, traits: 1 }, new Rng(8));
    expect(new Set(pairs.map((p) => p.trait))).toEqual(new Set(REALISTIC_TRAITS));
    for (const p of pairs) {
      expect([...p.x, ...p.y].every(Number.isFinite)).toBe(true);
      for (const v of [p.x, p.y]) {
        const counts = new Map<number, number>();
        for (const a of v) counts.set(a, (counts.get(a) ?? 0) + 1);
        expect(Math.max(...counts.values())).toBeLessThanOrEqual(0.55 * v.length);
      }
    }
    // Ordinal causes have few levels (outliers, when added, bring at most 3% extra values).
    const ordinal = pairs.filter((p) => p.trait === 'ordinal');
    expect(ordinal.filter((p) => new Set(p.x).size <= 12).length).toBeGreaterThan(0.8 * ordinal.length);
  });

  it('rejects a traits probability outside [0, 1]', () => {
    expect(() => makeRealisticPairs({ count: 1, traits: 2 }, new Rng(1))).toThrow(UsageError);
  });
});
