import { checkCaptionSet } from './caption-set.js';
import { ngramCounts } from './ngrams.js';
import { tokenize } from './tokenize.js';

const MAX_N = 4;
/** bleu_scorer.py's guards against log(0) and division by 0: precision (correct + TINY) / (guess + SMALL). */
const TINY = 1e-15;
const SMALL = 1e-9;

export interface BleuResult {
  /** BLEU-1..4 over the whole set. */
  readonly bleu: [number, number, number, number];
  /** Candidate tokens, summed over images (coco-caption's testlen). */
  readonly testLength: number;
  /** The reference length closest to each candidate's, summed over images (coco-caption's reflen). */
  readonly referenceLength: number;
}

/**
 * BLEU-1..4 as pycocoevalcap's Bleu computes it (bleu_scorer.py with option 'closest'): a corpus-level score, not a
 * mean of sentence scores. Each candidate n-gram's count is clipped to its largest count in one reference of that
 * image; matches ("correct") and candidate n-grams ("guess") are summed over images. The effective reference length
 * of an image is the reference length closest to the candidate's (the shorter one on a tie). BLEU-n is the geometric
 * mean of the smoothed precisions p_1..p_n, times exp(1 - 1/ratio) when ratio = (c + TINY)/(r + SMALL) < 1. Two
 * quirks of the reference code are kept: with c = r the ratio is just below 1, so a perfect set scores 1 - O(1e-10),
 * not 1; and with no match at all BLEU is tiny but not 0.
 */
export function bleu(candidates: readonly string[], references: readonly (readonly string[])[]): BleuResult {
  checkCaptionSet(candidates, references);
  const guess = new Array<number>(MAX_N).fill(0);
  const correct = new Array<number>(MAX_N).fill(0);
  let testLength = 0;
  let referenceLength = 0;
  candidates.forEach((candidate, i) => {
    const maxCounts = Array.from({ length: MAX_N }, () => new Map<string, number>());
    const lengths: number[] = [];
    for (const reference of references[i]) {
      const tokens = tokenize(reference);
      lengths.push(tokens.length);
      ngramCounts(tokens, MAX_N).forEach((order, n) => {
        for (const [gram, count] of order) maxCounts[n].set(gram, Math.max(maxCounts[n].get(gram) ?? 0, count));
      });
    }
    const tokens = tokenize(candidate);
    testLength += tokens.length;
    referenceLength += closest(lengths, tokens.length);
    ngramCounts(tokens, MAX_N).forEach((order, n) => {
      guess[n] += Math.max(0, tokens.length - n);
      for (const [gram, count] of order) correct[n] += Math.min(maxCounts[n].get(gram) ?? 0, count);
    });
  });
  const ratio = (testLength + TINY) / (referenceLength + SMALL);
  const brevity = ratio < 1 ? Math.exp(1 - 1 / ratio) : 1;
  let product = 1;
  const scores = guess.map((_, n) => {
    product *= (correct[n] + TINY) / (guess[n] + SMALL);
    return product ** (1 / (n + 1)) * brevity;
  });
  return { bleu: scores as BleuResult['bleu'], testLength, referenceLength };
}

/** min over references of (|l - c|, l): the closest length, the shorter one on a tie. */
function closest(lengths: readonly number[], c: number): number {
  let best = lengths[0];
  for (const l of lengths) {
    const d = Math.abs(l - c);
    const bestD = Math.abs(best - c);
    if (d < bestD || (d === bestD && l < best)) best = l;
  }
  return best;
}
