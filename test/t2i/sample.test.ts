/** MaskGIT decoding over fake scorers: schedule, confidence order, guidance, and determinism per row. */
import { describe, expect, it } from 'vitest';
import { Rng, rngFor } from '../../src/common/random.js';
import { type Decoding, decodeMaskGit, guide, type TokenScorer } from '../../src/t2i/sample.js';

const K = 6;
const n = 16;

interface Call {
  tokens: Int32Array;
  unconditional: boolean;
}

/**
 * Logits that depend on the row's key, the position and how many of the row's positions are still masked only, as
 * a model's would depend on that row's caption and grid: the scorer sees keys[i] for row i of each call.
 */
function fakeScorer(keys: readonly string[], calls: Call[] = []): TokenScorer {
  return async (tokens, rows, unconditional) => {
    calls.push({ tokens: tokens.slice(), unconditional });
    const cond = new Float32Array(rows * n * K);
    const uncond = new Float32Array(rows * n * K);
    for (let i = 0; i < rows; i++) {
      const open = tokens.subarray(i * n, (i + 1) * n).filter((t) => t === K).length;
      for (let p = 0; p < n; p++) {
        const r = rngFor(open, `${keys[i]} ${p}`);
        for (let k = 0; k < K; k++) {
          cond[(i * n + p) * K + k] = 2 * r.normal();
          uncond[(i * n + p) * K + k] = r.normal();
        }
      }
    }
    return { cond, uncond: unconditional ? uncond : null };
  };
}

/** Position p peaks at code p % K with a margin that grows with p: the last positions are the most confident. */
function rankedScorer(calls: Int32Array[]): TokenScorer {
  return async (tokens, rows) => {
    calls.push(tokens.slice());
    const cond = new Float32Array(rows * n * K);
    for (let i = 0; i < rows; i++) for (let p = 0; p < n; p++) cond[(i * n + p) * K + (p % K)] = 0.1 * (p + 1);
    return { cond, uncond: null };
  };
}
const ARG_MAX = Array.from({ length: n }, (_, p) => p % K);

/** The positions of row i already revealed in a grid the scorer was called with. */
const revealedAt = (tokens: Int32Array, i: number): number[] => Array.from(tokens.subarray(i * n, (i + 1) * n)).flatMap((t, p) => (t === K ? [] : [p]));

describe('classifier-free guidance', () => {
  it('is uncond + g (cond - uncond), and exactly the conditional logits at g = 1', () => {
    const cond = Float32Array.from([0.1, -2, 3.3, 0.7]);
    const uncond = Float32Array.from([1, 1, -1, 0.2]);
    const out = new Float64Array(2);
    guide(cond, uncond, 1, 2, 2, out);
    expect(Array.from(out)).toEqual([cond[2], cond[3]]);
    guide(cond, uncond, 0, 0, 2, out);
    expect(Array.from(out)).toEqual([1, 1]);
    guide(cond, uncond, 3, 0, 2, out);
    expect(out[0]).toBeCloseTo(1 + 3 * (0.1 - 1), 6);
    expect(out[1]).toBeCloseTo(1 + 3 * (-2 - 1), 6);
  });

  it('at g = 1 no unconditional pass is asked for, and the result is what the conditional logits alone give', async () => {
    const calls: Call[] = [];
    const keys = ['a', 'b'];
    const guided = await decodeMaskGit(keys.map((k) => rngFor(1, k)), n, K, fakeScorer(keys, calls), { steps: 6, temperature: 1, guidance: 1 });
    expect(calls.every((c) => !c.unconditional)).toBe(true);
    const condOnly: TokenScorer = async (t, rows) => ({ cond: (await fakeScorer(keys)(t, rows, false)).cond, uncond: null });
    const plain = await decodeMaskGit(keys.map((k) => rngFor(1, k)), n, K, condOnly, { steps: 6, temperature: 1, guidance: 1 });
    expect(Array.from(guided)).toEqual(Array.from(plain));
    const calls2: Call[] = [];
    await decodeMaskGit(keys.map((k) => rngFor(1, k)), n, K, fakeScorer(keys, calls2), { steps: 6, temperature: 1, guidance: 2 });
    expect(calls2.every((c) => c.unconditional)).toBe(true);
  });
});

describe('MaskGIT decoding', () => {
  it('reveals tokens on the cosine schedule, one model run a step, and ends with every position decoded', async () => {
    const calls: Call[] = [];
    const keys = ['x', 'y', 'z'];
    const out = await decodeMaskGit(keys.map((k) => rngFor(0, k)), n, K, fakeScorer(keys, calls), { steps: 5, temperature: 1, guidance: 2 });
    // 16 cos(pi/10 k) for k = 1..4: 15.2 12.9 9.4 4.9
    const before = [16, 15, 12, 9, 4];
    expect(calls).toHaveLength(5);
    calls.forEach((c, s) => {
      for (let i = 0; i < keys.length; i++) expect(c.tokens.subarray(i * n, (i + 1) * n).filter((t) => t === K).length).toBe(before[s]);
    });
    expect(out.every((t) => t >= 0 && t < K)).toBe(true);
    // a revealed token is never changed again
    for (let s = 1; s < calls.length; s++) {
      calls[s - 1].tokens.forEach((t, j) => {
        if (t !== K) expect(calls[s].tokens[j]).toBe(t);
      });
    }
  });

  it('at temperature 0 takes the arg-max and reveals the most confident positions first', async () => {
    const calls: Int32Array[] = [];
    const out = await decodeMaskGit([new Rng(1)], n, K, rankedScorer(calls), { steps: 4, temperature: 0, guidance: 1 });
    expect(Array.from(out)).toEqual(ARG_MAX);
    // 16 cos(pi/8) = 14.8: two positions revealed at step 0, the two most confident
    expect(revealedAt(calls[1], 0)).toEqual([14, 15]);
  });

  it('draws the reveal order with the choice temperature, apart from the sampling temperature', async () => {
    const rows = 200;
    const calls: Int32Array[] = [];
    const rngs = Array.from({ length: rows }, (_, i) => rngFor(3, `row ${i}`));
    const out = await decodeMaskGit(rngs, n, K, rankedScorer(calls), { steps: 4, temperature: 0, choiceTemperature: 5, guidance: 1 });
    // temperature 0 still takes the arg-max code everywhere
    for (let i = 0; i < rows; i++) expect(Array.from(out.subarray(i * n, (i + 1) * n))).toEqual(ARG_MAX);
    // but the noise (scale 3.75 at step 0) swamps confidence gaps of 0.1 a position: the two most confident
    // positions come first for about 1 row in 120, not always as at choice temperature 0 (the test above)
    const top = Array.from({ length: rows }, (_, i) => revealedAt(calls[1], i).join()).filter((r) => r === '14,15').length;
    expect(top / rows).toBeLessThan(0.1);
  });

  it('ties the choice temperature to the sampling temperature unless it is given', async () => {
    const keys = ['r0', 'r1', 'r2', 'r3'];
    const decode = (o: Partial<Decoding>) => decodeMaskGit(keys.map((k) => rngFor(2, k)), n, K, fakeScorer(keys), { steps: 6, temperature: 1.5, guidance: 2, ...o });
    const tied = Array.from(await decode({}));
    expect(Array.from(await decode({ choiceTemperature: 1.5 }))).toEqual(tied);
    expect(Array.from(await decode({ choiceTemperature: 0.2 }))).not.toEqual(tied);
  });

  it('samples from softmax(logits / temperature)', async () => {
    // one position, codes 0..2 with logits 0, 2 ln 2, 4 ln 2: at temperature 2, probabilities 1/7, 2/7, 4/7
    const scorer: TokenScorer = async (_, rows) => ({ cond: Float32Array.from({ length: rows * 3 }, (_, j) => [0, 2 * Math.LN2, 4 * Math.LN2][j % 3]), uncond: null });
    const rows = 7000;
    const out = await decodeMaskGit(Array.from({ length: rows }, (_, i) => rngFor(4, `row ${i}`)), 1, 3, scorer, { steps: 1, temperature: 2, guidance: 1 });
    const freq = [0, 1, 2].map((k) => out.filter((t) => t === k).length / rows);
    // three standard errors of a proportion near 0.5 at 7000 draws: 0.018
    [1 / 7, 2 / 7, 4 / 7].forEach((p, k) => expect(Math.abs(freq[k] - p)).toBeLessThan(0.018));
  });

  it('is deterministic by generator, and a row does not depend on the other rows of its batch', async () => {
    const keys = ['r0', 'r1', 'r2', 'r3'];
    const o = { steps: 8, temperature: 1.5, guidance: 2 };
    const all = await decodeMaskGit(keys.map((k) => rngFor(9, k)), n, K, fakeScorer(keys), o);
    const again = await decodeMaskGit(keys.map((k) => rngFor(9, k)), n, K, fakeScorer(keys), o);
    expect(Array.from(again)).toEqual(Array.from(all));
    const sub = ['r2', 'r0'];
    const part = await decodeMaskGit(sub.map((k) => rngFor(9, k)), n, K, fakeScorer(sub), o);
    expect(Array.from(part.subarray(0, n))).toEqual(Array.from(all.subarray(2 * n, 3 * n)));
    expect(Array.from(part.subarray(n))).toEqual(Array.from(all.subarray(0, n)));
    const reseeded = await decodeMaskGit(keys.map((k) => rngFor(10, k)), n, K, fakeScorer(keys), o);
    expect(Array.from(reseeded)).not.toEqual(Array.from(all));
  });

  it('refuses steps < 1, a negative temperature, choice temperature or guidance', async () => {
    const s = fakeScorer(['a']);
    await expect(decodeMaskGit([new Rng(0)], n, K, s, { steps: 0, temperature: 1, guidance: 1 })).rejects.toThrow(/steps must be a positive integer/);
    await expect(decodeMaskGit([new Rng(0)], n, K, s, { steps: 2, temperature: -1, guidance: 1 })).rejects.toThrow(/temperature must be >= 0/);
    await expect(decodeMaskGit([new Rng(0)], n, K, s, { steps: 2, temperature: 1, choiceTemperature: -0.5, guidance: 1 })).rejects.toThrow(/choice temperature must be >= 0/);
    await expect(decodeMaskGit([new Rng(0)], n, K, s, { steps: 2, temperature: 1, guidance: -2 })).rejects.toThrow(/guidance must be >= 0/);
  });
});
