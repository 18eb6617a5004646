import { checkCaptionSet } from './caption-set.js';
import { ngramCounts } from './ngrams.js';
import { mean } from './mean.js';
import { tokenize } from './tokenize.js';

/** n-gram orders 1..4 and the length penalty's width, as coco-caption's Cider() constructs its scorer. */
const MAX_N = 4;
const SIGMA = 6;

export interface CiderResult {
  /** The mean over images, on coco-caption's x10 scale (papers print x100). */
  readonly score: number;
  readonly perImage: number[];
}

/** One caption's tf-idf vectors, one per n-gram order, with their norms and its length (its bigram count). */
interface Vectors {
  readonly weights: Map<string, number>[];
  readonly norms: number[];
  readonly length: number;
}

/**
 * CIDEr-D exactly as pycocoevalcap's CiderScorer computes it (method note synth2.md §5.2): document frequencies from
 * the references of this whole set (an image counts once per n-gram), idf = ln N - ln max(1, df), raw-count tf,
 * clipped overlap min(g_c, g_s) g_s over unclipped norms (0 where a norm is 0), a Gaussian penalty of sigma 6 on the
 * bigram-count length difference, the mean over n = 1..4, the mean over references, x10, the mean over images.
 * Scores agree with the reference code to about 1e-15 relative: V8's Math.log and Math.exp may differ from glibc's in
 * the last bit, and NumPy sums pairwise.
 * Candidates and references go through `tokenize`. The score depends on the whole set: score it in one call.
 */
export function ciderD(candidates: readonly string[], references: readonly (readonly string[])[]): CiderResult {
  checkCaptionSet(candidates, references);
  const refCounts = references.map((refs) => refs.map((r) => ngramCounts(tokenize(r), MAX_N)));
  const df = documentFrequency(refCounts);
  const logN = Math.log(candidates.length);
  // Both depend on a small integer only (df, the length difference), so each value is computed once.
  const idf = memoize((d: number) => logN - Math.log(Math.max(1, d)));
  const penalty = memoize((delta: number) => Math.exp(-(delta * delta) / (2 * SIGMA * SIGMA)));
  const vectorsOf = (counts: Map<string, number>[]): Vectors => tfidf(counts, df, idf);
  const perImage = candidates.map((candidate, i) => {
    const c = vectorsOf(ngramCounts(tokenize(candidate), MAX_N));
    const sum = new Array<number>(MAX_N).fill(0);
    for (const ref of refCounts[i]) {
      const s = vectorsOf(ref);
      const p = penalty(c.length - s.length);
      for (let n = 0; n < MAX_N; n++) sum[n] += cosine(c, s, n) * p;
    }
    const meanOverOrders = sum.reduce((a, b) => a + b, 0) / MAX_N;
    return (meanOverOrders / refCounts[i].length) * 10;
  });
  return { score: mean(perImage), perImage };
}

/** df per order: the number of images whose pooled references contain the n-gram. */
function documentFrequency(refCounts: readonly Map<string, number>[][][]): Map<string, number>[] {
  const df = Array.from({ length: MAX_N }, () => new Map<string, number>());
  for (const refs of refCounts) {
    for (let n = 0; n < MAX_N; n++) {
      const pooled = new Set(refs.flatMap((r) => [...r[n].keys()]));
      for (const gram of pooled) df[n].set(gram, (df[n].get(gram) ?? 0) + 1);
    }
  }
  return df;
}

function tfidf(counts: readonly Map<string, number>[], df: readonly Map<string, number>[], idf: (df: number) => number): Vectors {
  const weights = counts.map(() => new Map<string, number>());
  const squares = new Array<number>(MAX_N).fill(0);
  for (let n = 0; n < MAX_N; n++) {
    for (const [gram, tf] of counts[n]) {
      // An n-gram no reference holds gets the largest idf, ln N: it only inflates the candidate's norm.
      const w = tf * idf(df[n].get(gram) ?? 0);
      weights[n].set(gram, w);
      squares[n] += w * w;
    }
  }
  let bigrams = 0;
  for (const tf of counts[1].values()) bigrams += tf;
  return { weights, norms: squares.map(Math.sqrt), length: bigrams };
}

/** The clipped cosine of order n: sum of min(g_c, g_s) g_s over the unclipped norms. */
function cosine(c: Vectors, s: Vectors, n: number): number {
  let dot = 0;
  for (const [gram, wc] of c.weights[n]) {
    const ws = s.weights[n].get(gram) ?? 0;
    dot += Math.min(wc, ws) * ws;
  }
  // coco-caption's later versions skip the division when a norm is 0 (the earliest gave NaN for short captions).
  return c.norms[n] !== 0 && s.norms[n] !== 0 ? dot / (c.norms[n] * s.norms[n]) : dot;
}

function memoize(f: (x: number) => number): (x: number) => number {
  const cache = new Map<number, number>();
  return (x) => {
    let y = cache.get(x);
    if (y === undefined) cache.set(x, (y = f(x)));
    return y;
  };
}
