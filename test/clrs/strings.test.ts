import { describe, expect, it } from 'vitest';
import { kmpMatcher } from '../../src/clrs/algorithms/kmp-matcher.js';
import { naiveStringMatcher } from '../../src/clrs/algorithms/naive-string-matcher.js';
import type { Sample } from '../../src/clrs/sample.js';
import { expectDeterministic, expectMatchesSpec, oneHot, samplesOf } from './helpers.js';

const MATCHERS = [naiveStringMatcher, kmpMatcher];
const text = (letters: readonly number[]): string => letters.map((l) => 'ACGT'[l]).join('');

function split(s: Sample): { t: number[]; p: number[] } {
  const id = Array.from(s.inputs.string);
  const key = Array.from(s.inputs.key);
  const nT = id.indexOf(1);
  return { t: key.slice(0, nT), p: key.slice(nT) };
}

/** Standard prefix function: border[q] = length of the longest proper border of P[0..q]. */
function borders(p: readonly number[]): number[] {
  const b = new Array<number>(p.length).fill(0);
  for (let q = 1, k = 0; q < p.length; q++) {
    while (k > 0 && p[k] !== p[q]) k = b[k - 1];
    if (p[k] === p[q]) k++;
    b[q] = k;
  }
  return b;
}

describe.each(MATCHERS)('$name', (alg) => {
  it('marks the first occurrence of the embedded needle (indexOf); total length n, needle n//5 or 1', () => {
    for (const n of [3, 4, 5, 16, 20]) {
      for (const s of samplesOf(alg, n, 20)) {
        expectMatchesSpec(s);
        expect(s.n).toBe(n);
        const { t, p } = split(s);
        expect(p.length).toBe(n < 5 ? 1 : Math.floor(n / 5));
        const at = text(t).indexOf(text(p));
        expect(at).toBeGreaterThanOrEqual(0);
        expect(at).toBeLessThan(t.length - p.length);
        expect(oneHot(s.outputs.match)).toBe(at);
        expect(Array.from(s.inputs.pos)).toEqual([...t.map((_, i) => i / t.length), ...p.map((_, j) => j / p.length)]);
      }
    }
  });

  it("marks the needle's head when there is no match", () => {
    const s = alg.run({ text: [0, 1, 0, 1], pattern: [2, 2] });
    expect(oneHot(s.outputs.match)).toBe(4);
  });

  it('is deterministic by seed', () => expectDeterministic(alg, 10));
});

describe('naive_string_matcher', () => {
  it('pushes one hint per shift tried plus one per matched letter short of the last', () => {
    for (const s of samplesOf(naiveStringMatcher, 20, 10)) {
      const { t, p } = split(s);
      const found = text(t).indexOf(text(p));
      let steps = 0;
      for (let shift = 0; shift <= found; shift++) {
        let l = 0;
        while (l < p.length && t[shift + l] === p[l]) l++;
        steps += 1 + Math.min(l, p.length - 1);
      }
      expect(s.length).toBe(steps);
    }
  });
});

describe('kmp_matcher', () => {
  it('the prefix function it builds equals the standard one (pi + 1, or 0 where is_reset)', () => {
    const p = [0, 1, 0, 1, 2, 0, 1, 0, 1, 0, 1];
    const s = kmpMatcher.run({ text: [3, 3, ...p, 3], pattern: p });
    const nT = p.length + 3;
    const pi = Array.from(s.hints.pi[s.length - 1]).slice(nT).map((v) => v - nT);
    const reset = Array.from(s.hints.is_reset[s.length - 1]).slice(nT);
    expect(pi.map((v, q) => (reset[q] === 1 ? 0 : v + 1))).toEqual(borders(p));
    expect(oneHot(s.outputs.match)).toBe(2);
    expect(new Set(s.hints.phase.map((v) => v[0]))).toEqual(new Set([0, 1]));
  });
});
