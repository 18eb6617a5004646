import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { beamSearch, greedy, type NextWordScorer } from '../../src/vlm/decode.js';
import { EOS } from '../../src/vlm/vocabulary.js';

const V = 7; // <pad> <bos> <eos> <unk>, then words 4, 5, 6

/** A scorer from a table of next-word probabilities by prefix (missing prefixes: uniform over the choices). */
function tableScorer(table: Record<string, Record<number, number>>): NextWordScorer {
  return async (_images, prefixes) => {
    const out = new Float32Array(prefixes.length * V).fill(-Infinity);
    prefixes.forEach((p, k) => {
      const probs = table[p.join(' ')] ?? { [EOS]: 0.25, 4: 0.25, 5: 0.25, 6: 0.25 };
      for (const [w, pr] of Object.entries(probs)) out[k * V + Number(w)] = Math.log(pr);
    });
    return out;
  };
}

/** A random autoregressive model over images: log-probabilities from a seeded hash of (image, prefix). */
function randomScorer(seed: number): NextWordScorer {
  return async (images, prefixes) => {
    const out = new Float32Array(prefixes.length * V);
    prefixes.forEach((p, k) => {
      const rng = new Rng(seed * 7919 + images[k] * 104729 + p.reduce((h, w) => h * 31 + w, 17));
      const logits = Array.from({ length: V }, () => 2 * rng.normal());
      const z = Math.log(logits.reduce((a, l) => a + Math.exp(l), 0));
      logits.forEach((l, w) => (out[k * V + w] = l - z));
    });
    return out;
  };
}

/** Every caption of at most maxLength words: the best by mean log-probability per token, <eos> counted. */
async function bruteForce(score: NextWordScorer, image: number, maxLength: number): Promise<{ words: number[]; score: number }> {
  let best = { words: [] as number[], score: -Infinity };
  const visit = async (prefix: number[], logp: number): Promise<void> => {
    if (prefix.length === maxLength) {
      if (logp / prefix.length > best.score) best = { words: prefix, score: logp / prefix.length };
      return;
    }
    const lp = await score(Int32Array.of(image), [prefix]);
    const ended = (logp + lp[EOS]) / (prefix.length + 1);
    if (ended > best.score) best = { words: prefix, score: ended };
    for (const w of [4, 5, 6]) await visit([...prefix, w], logp + lp[w]);
  };
  await visit([], 0);
  return best;
}

describe('caption decoding', () => {
  // 4 is the likelier first word, but every continuation after it is uncertain; 5 leads to a sure ending
  const trap = tableScorer({
    '': { 4: 0.55, 5: 0.45 },
    '4': { 4: 0.34, 5: 0.33, [EOS]: 0.33 },
    '5': { 6: 0.95, [EOS]: 0.05 },
    '5 6': { [EOS]: 0.99, 4: 0.01 },
    '4 4': { [EOS]: 1 },
    '4 5': { [EOS]: 1 },
  });

  it('greedy follows the locally best word; a beam of two finds the better caption', async () => {
    expect(await greedy(1, trap, { vocabulary: V, maxLength: 4 })).toEqual([[4, 4]]);
    const [r] = await beamSearch(1, trap, { vocabulary: V, maxLength: 4, beam: 2 });
    expect(r.words).toEqual([5, 6]);
    // mean log-probability of 5, 6, <eos>
    expect(r.score).toBeCloseTo((Math.log(0.45) + Math.log(0.95) + Math.log(0.99)) / 3, 6);
  });

  it('a beam as wide as the search space returns the best caption by length-normalised log-probability', async () => {
    const score = randomScorer(3);
    const results = await beamSearch(5, score, { vocabulary: V, maxLength: 3, beam: 64 });
    for (let i = 0; i < 5; i++) {
      const best = await bruteForce(score, i, 3);
      expect(results[i].words).toEqual(best.words);
      expect(results[i].score).toBeCloseTo(best.score, 5);
    }
  });

  it('beam 1 is greedy decoding, image by image in one batch', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const score = randomScorer(seed);
      const g = await greedy(20, score, { vocabulary: V, maxLength: 6 });
      const b = await beamSearch(20, score, { vocabulary: V, maxLength: 6, beam: 1 });
      expect(b.map((r) => r.words)).toEqual(g);
    }
  });

  it('never emits <pad>, <bos> or <unk>, and stops at the length limit', async () => {
    const favoured: NextWordScorer = async (_images, prefixes) => {
      const out = new Float32Array(prefixes.length * V).fill(Math.log(0.01));
      prefixes.forEach((_, k) => {
        for (const w of [0, 1, 3]) out[k * V + w] = Math.log(0.3);
        out[k * V + 6] = Math.log(0.05);
      });
      return out;
    };
    expect(await greedy(2, favoured, { vocabulary: V, maxLength: 3 })).toEqual([[6, 6, 6], [6, 6, 6]]);
    const [r] = await beamSearch(1, favoured, { vocabulary: V, maxLength: 3, beam: 3 });
    expect(r.words).toEqual([6, 6, 6]);
  });
});
