/**
 * Caption decoding over any next-word scorer: greedy, and beam search ranked by length-normalised log-probability.
 * Both decode many images at once, one scorer call per step for every live sequence of every image, so the model
 * runs on a batch (no key/value cache: each step re-reads the whole prefix, cheap at 16 words).
 *
 * A caption holds words and ends with <eos> or at `maxLength` words; <pad>, <bos> and <unk> are never chosen.
 * Ties go to the earlier hypothesis, then to the lower word id, so decoding is deterministic.
 */
import { EOS, SPECIALS } from './vocabulary.js';

/**
 * Log-probabilities of the next word for each prefix: `images[i]` is the image (an index the caller understands)
 * of prefix i, and every prefix in a call has the same length (words only, no <bos>). Returns [n, vocabulary].
 */
export type NextWordScorer = (images: Int32Array, prefixes: readonly (readonly number[])[]) => Promise<Float32Array>;

export interface DecodeOptions {
  vocabulary: number;
  /** Words at most; a caption that reaches it ends there without <eos>. */
  maxLength: number;
}

const choosable = (id: number): boolean => id === EOS || id >= SPECIALS.length;

/** The most likely next word at each step, for images 0 .. count-1. Returns each caption's word ids (no <eos>). */
export async function greedy(count: number, score: NextWordScorer, o: DecodeOptions): Promise<number[][]> {
  const out: number[][] = Array.from({ length: count }, () => []);
  let live = Array.from({ length: count }, (_, i) => i);
  for (let t = 0; t < o.maxLength && live.length > 0; t++) {
    const logp = await score(Int32Array.from(live), live.map((i) => out[i]));
    const next: number[] = [];
    live.forEach((image, k) => {
      let best = -1;
      for (let w = 0; w < o.vocabulary; w++) {
        if (choosable(w) && (best < 0 || logp[k * o.vocabulary + w] > logp[k * o.vocabulary + best])) best = w;
      }
      if (best === EOS) return;
      out[image].push(best);
      next.push(image);
    });
    live = next;
  }
  return out;
}

interface Hypothesis {
  words: number[];
  logp: number;
}

export interface BeamResult {
  words: number[];
  /** Mean log-probability per token, <eos> counted as a token when the caption has one. */
  score: number;
}

/**
 * Beam search with a shrinking beam: at each step every image's live hypotheses are extended by every choosable
 * word, and the `beam` best extensions by summed log-probability are kept, minus one for each hypothesis already
 * finished; an extension by <eos> finishes. Hypotheses still live at `maxLength` words finish there. The caption
 * is the finished hypothesis with the highest mean log-probability per token, which keeps the summed
 * log-probability's bias towards short captions out of the final choice. With beam 1 this is greedy decoding.
 */
export async function beamSearch(count: number, score: NextWordScorer, o: DecodeOptions & { beam: number }): Promise<BeamResult[]> {
  const V = o.vocabulary;
  const live: Hypothesis[][] = Array.from({ length: count }, () => [{ words: [], logp: 0 }]);
  const finished: BeamResult[][] = Array.from({ length: count }, () => []);
  for (let t = 0; t < o.maxLength; t++) {
    const images: number[] = [];
    const prefixes: number[][] = [];
    live.forEach((hs, i) => hs.forEach((h) => (images.push(i), prefixes.push(h.words))));
    if (prefixes.length === 0) break;
    const logp = await score(Int32Array.from(images), prefixes);
    let row = 0;
    for (let i = 0; i < count; i++) {
      const width = o.beam - finished[i].length;
      const best = topExtensions(live[i], logp, row, V, width);
      row += live[i].length;
      live[i] = [];
      for (const { from, word, total } of best) {
        if (word === EOS) finished[i].push({ words: from.words, score: total / (from.words.length + 1) });
        else live[i].push({ words: [...from.words, word], logp: total });
      }
    }
  }
  return finished.map((done, i) => {
    for (const h of live[i]) done.push({ words: h.words, score: h.logp / h.words.length });
    // the first of equal scores wins: the one found earlier, or ranked higher when found together
    return done.reduce((a, b) => (b.score > a.score ? b : a));
  });
}

interface Extension {
  from: Hypothesis;
  word: number;
  total: number;
}

/** The `width` best (hypothesis, word) extensions by summed log-probability, best first. */
function topExtensions(hs: readonly Hypothesis[], logp: Float32Array, firstRow: number, V: number, width: number): Extension[] {
  const top: Extension[] = [];
  if (width <= 0) return top;
  hs.forEach((h, k) => {
    const base = (firstRow + k) * V;
    for (let w = 0; w < V; w++) {
      if (!choosable(w)) continue;
      const total = h.logp + logp[base + w];
      if (top.length === width && !(total > top[width - 1].total)) continue;
      let at = top.length === width ? width - 1 : top.length;
      if (top.length === width) top.pop();
      while (at > 0 && total > top[at - 1].total) at--;
      top.splice(at, 0, { from: h, word: w, total });
    }
  });
  return top;
}
