import { checkCaptionSet } from './caption-set.js';
import { mean } from './mean.js';
import { tokenize } from './tokenize.js';

/** The recall weight of pycocoevalcap's Rouge ("updated based on discussion with Hovy"). */
const BETA = 1.2;

export interface RougeResult {
  /** The mean of the per-image F-scores. */
  readonly score: number;
  readonly perImage: number[];
}

/**
 * ROUGE-L as pycocoevalcap's Rouge computes it: per image, the longest common subsequence with each reference gives
 * a precision (LCS / candidate length) and a recall (LCS / reference length); the largest precision and the largest
 * recall over the references, taken separately (possibly from different references), give
 * F = (1 + beta^2) P R / (R + beta^2 P), 0 when either is 0; the set score is the mean over images. An empty
 * candidate or reference scores 0 against each other (coco-caption's split(" ") would give [""], LCS 0, the same).
 */
export function rougeL(candidates: readonly string[], references: readonly (readonly string[])[]): RougeResult {
  checkCaptionSet(candidates, references);
  const perImage = candidates.map((candidate, i) => {
    const c = tokenize(candidate);
    let precision = 0;
    let recall = 0;
    for (const reference of references[i]) {
      const r = tokenize(reference);
      const common = lcsLength(c, r);
      if (common === 0) continue;
      precision = Math.max(precision, common / c.length);
      recall = Math.max(recall, common / r.length);
    }
    if (precision === 0 || recall === 0) return 0;
    return ((1 + BETA ** 2) * precision * recall) / (recall + BETA ** 2 * precision);
  });
  return { score: mean(perImage), perImage };
}

/** Length of the longest common subsequence of two token lists, in O(|a| |b|) time and O(|b|) memory. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}
