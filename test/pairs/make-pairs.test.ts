import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/common/errors.js';
import { Rng } from '../../src/common/random.js';
import { CAUSE_NAMES, FUNCTION_NAMES, makePairs, MECHANISM_NAMES, NOISE_NAMES } from '../../src/pairs/index.js';

describe('makePairs', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const spec = { count: 5, n: 50, mechanism: 'mixed' as const };
    const a = makePairs(spec, new Rng(1));
    expect(makePairs(spec, new Rng(1))).toEqual(a);
    expect(makePairs(spec, new Rng(2))[0].x).not.toEqual(a[0].x);
  });

  it('earlier pairs do not change when more pairs are asked for', () => {
    const few = makePairs({ count: 2, n: 30, mechanism: 'additive' }, new Rng(3));
    const many = makePairs({ count: 6, n: 30, mechanism: 'additive' }, new Rng(3));
    expect(many.slice(0, 2)).toEqual(few);
  });

  it('produces finite data of the requested size for every family, noise, cause and mechanism', () => {
    for (const mechanism of MECHANISM_NAMES) for (const fn of FUNCTION_NAMES) for (const noise of NOISE_NAMES) {
      const [p] = makePairs({ count: 1, n: 40, mechanism, functions: [fn], noises: [noise], causes: CAUSE_NAMES }, new Rng(fn.length + noise.length));
      expect(p.x.length).toBe(40);
      expect(p.y.length).toBe(40);
      expect(p.fn).toBe(fn);
      expect(p.noise).toBe(noise);
      expect([...p.x, ...p.y].every(Number.isFinite)).toBe(true);
      if (mechanism !== 'mixed') expect(p.mechanism).toBe(mechanism);
    }
  });

  it('multiplicative effects are positive; additive noise has the requested scale', () => {
    const [m] = makePairs({ count: 1, n: 200, mechanism: 'multiplicative' }, new Rng(4));
    expect(m.y.every((v) => v > 0)).toBe(true);
    // With zero noise y is f(x) itself, and a tanh draw is monotone.
    const [z] = makePairs({ count: 1, n: 200, mechanism: 'additive', noiseScale: 0, functions: ['tanh'] }, new Rng(5));
    const order = Array.from(z.x.keys()).sort((i, j) => z.x[i] - z.x[j]);
    const ys = order.map((i) => z.y[i]);
    const monotone = ys.every((v, k) => k === 0 || v >= ys[k - 1] - 1e-12) || ys.every((v, k) => k === 0 || v <= ys[k - 1] + 1e-12);
    expect(monotone).toBe(true);
  });

  it('discretize rounds variables onto a coarse grid', () => {
    const [p] = makePairs({ count: 1, n: 300, mechanism: 'additive', discretize: 1 }, new Rng(6));
    expect(new Set(p.x).size).toBeLessThanOrEqual(40);
    expect(new Set(p.y).size).toBeLessThanOrEqual(40);
  });

  it('rejects unknown names with a UsageError', () => {
    expect(() => makePairs({ count: 1, n: 50, mechanism: 'additive', functions: ['bogus' as never] }, new Rng(1))).toThrow(UsageError);
    expect(() => makePairs({ count: 1, n: 50, mechanism: 'nope' as never }, new Rng(1))).toThrow(/mechanism/);
    expect(() => makePairs({ count: 1, n: 5, mechanism: 'additive' }, new Rng(1))).toThrow(/>= 10/);
  });
});
