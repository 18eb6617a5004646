/**
 * Hint-ReLIC augmentations of CLRS samples (docs/clrs-augment.md; method note hint-relic-clrs.md §1.3, §4): the
 * registry of rules, and `augmentStep`, which proposes, re-runs the executor and keeps only what the oracle
 * (verify.ts) accepts.
 */
import type { Rng } from '../../common/random.js';
import { rngFor } from '../../common/random.js';
import { algorithm as executor } from '../algorithms/index.js';
import type { Sample } from '../sample.js';
import type { Augmenter } from './augmenter.js';
import { GRAPH_AUGMENTERS } from './graphs.js';
import { binarySearchAugmenter, minimumAugmenter, quickselectAugmenter } from './searching.js';
import { bubbleSortAugmenter, heapsortAugmenter, insertionSortAugmenter, quicksortAugmenter } from './sorting.js';
import { matchStep } from './verify.js';

const AUGMENTERS: readonly Augmenter[] = [
  insertionSortAugmenter,
  bubbleSortAugmenter,
  heapsortAugmenter,
  quicksortAugmenter,
  minimumAugmenter,
  binarySearchAugmenter,
  quickselectAugmenter,
  ...GRAPH_AUGMENTERS,
];

/** The algorithms with a rule, in the order above. */
export const AUGMENTED_ALGORITHMS: readonly string[] = AUGMENTERS.map((a) => a.algorithm);

/** The rule for `algorithm`, or undefined when there is none. */
export function augmenterFor(algorithm: string): Augmenter | undefined {
  return AUGMENTERS.find((a) => a.algorithm === algorithm);
}

export interface StepOptions {
  readonly maxExtra: number;
  /** Proposals tried before the step is given up. */
  readonly tries: number;
}

export type StepOutcome =
  | {
      readonly kind: 'augmented';
      /** The augmented step that repeats the original's step t. */
      readonly augmentedStep: number;
      readonly nodeMap: readonly number[];
      readonly sample: Sample;
      /** Proposals made, this one included. */
      readonly tries: number;
    }
  | { readonly kind: 'skipped' }
  | { readonly kind: 'not-applicable' };

/** Augments step t of `sample`: up to `tries` proposals, each re-run and checked by the oracle. */
export function augmentStep(augmenter: Augmenter, sample: Sample, t: number, rng: Rng, o: StepOptions): StepOutcome {
  const run = executor(sample.algorithm);
  const input = augmenter.inputOf(sample);
  for (let attempt = 1; attempt <= o.tries; attempt++) {
    const proposal = augmenter.augment(sample, input, t, rng, { maxExtra: o.maxExtra });
    if (proposal === null) return { kind: 'not-applicable' };
    const augmented = run.run(proposal.input);
    const augmentedStep = matchStep(sample, t, augmented, proposal.nodeMap, augmenter.alignment);
    if (augmentedStep !== null) return { kind: 'augmented', augmentedStep, nodeMap: proposal.nodeMap, sample: augmented, tries: attempt };
  }
  return { kind: 'skipped' };
}

export interface SampleOptions extends StepOptions {
  readonly seed: number;
  /** Steps per sample, drawn without replacement; 'all' for every step with a successor. */
  readonly steps: number | 'all';
}

/**
 * The steps of one sample to augment, in increasing order. Random draws come from streams keyed by the seed,
 * the algorithm, the sample's index and the step, so a row does not depend on batching or on the other samples.
 */
export function stepsOf(sample: Sample, index: number, o: Pick<SampleOptions, 'seed' | 'steps'>): number[] {
  const count = sample.length - 1;
  if (o.steps === 'all' || o.steps >= count) return Array.from({ length: count }, (_, t) => t);
  return rngFor(o.seed, `${sample.algorithm} ${index} steps`).sampleIndices(count, o.steps);
}

/** The outcome for each of the sample's chosen steps. */
export function augmentSample(augmenter: Augmenter, sample: Sample, index: number, o: SampleOptions): { t: number; outcome: StepOutcome }[] {
  return stepsOf(sample, index, o).map((t) => ({ t, outcome: augmentStep(augmenter, sample, t, rngFor(o.seed, `${sample.algorithm} ${index} ${t}`), o) }));
}
