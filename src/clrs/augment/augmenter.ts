/**
 * The contract of a CLRS augmentation rule (Hint-ReLIC, method note hint-relic-clrs.md §1.2-1.3, §4): given a
 * sample and a hint step t, build another input on which the algorithm's step t -> t+1 is the same on the original
 * nodes. The rule only proposes; `augmentStep` (index.ts) re-runs the executor on the proposal and keeps it only if
 * the oracle in verify.ts agrees, so a rule that is sometimes too bold costs tries, never a wrong row.
 */
import type { Rng } from '../../common/random.js';
import type { Sample } from '../sample.js';

/**
 * How the augmented trajectory lines up with the original: 'step' when step t of the original is step t of the
 * augmented run, 'state' when added elements insert steps of their own (bubble sort, quicksort, Kruskal) and the
 * oracle must look for the step t' whose state equals the original's state at t (method note §4.2).
 */
export type Alignment = 'step' | 'state';

export interface Augmentation<I> {
  readonly input: I;
  /**
   * nodeMap[i] is the augmented node that plays original node i: injective, one entry per original node; the
   * augmented nodes not in it are the added ones.
   */
  readonly nodeMap: readonly number[];
}

export interface AugmentOptions {
  /** At most this many nodes or elements are added (the number is drawn in 1..maxExtra; 0 adds none). */
  readonly maxExtra: number;
}

export interface Augmenter<I = unknown> {
  /** The benchmark key of the algorithm this rule is for. */
  readonly algorithm: string;
  readonly alignment: Alignment;
  /** The executor's input that produced `sample` (its `run(inputOf(sample))` gives the sample back). */
  inputOf(sample: Sample): I;
  /**
   * A proposal for step t (0 <= t < sample.length - 1), drawing from `rng`; null when the rule has nothing it may
   * change at this step (such steps are counted as not applicable, not as failures).
   */
  augment(sample: Sample, input: I, t: number, rng: Rng, options: AugmentOptions): Augmentation<I> | null;
}

/** How many elements to add: uniform in 1..maxExtra, or 0 when maxExtra is 0. */
export function extraCount(rng: Rng, maxExtra: number): number {
  return maxExtra > 0 ? 1 + rng.int(maxExtra) : 0;
}

/** The node a mask_one snapshot marks. */
export function marked(oneHot: ArrayLike<number>): number {
  for (let i = 0; i < oneHot.length; i++) if (oneHot[i] === 1) return i;
  throw new Error('augment: a mask_one snapshot marks no node');
}
