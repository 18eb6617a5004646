/**
 * One CLRS-30 algorithm as the toolkit runs it: its benchmark name and family, its sampler (the benchmark's default
 * input distribution at size n) and its instrumented executor (runs the algorithm on an input and records inputs,
 * hint trajectory and outputs against the spec in `specs.ts`).
 */
import type { Rng } from '../common/random.js';
import type { Sample } from './sample.js';

export type Family = 'sorting' | 'searching' | 'divide_and_conquer' | 'greedy' | 'dynamic_programming' | 'graphs' | 'strings' | 'geometry';

export interface ClrsAlgorithm<I = unknown> {
  /** The benchmark's key (specs.CLRS_30_ALGS), e.g. 'insertion_sort'. */
  readonly name: string;
  readonly family: Family;
  /** Val and test hold 32 x multiplier samples (method note §2.3). */
  readonly multiplier: number;
  /** The smallest n `sample` accepts (e.g. the matchers need a haystack longer than the needle); 1 when absent. */
  readonly minN?: number;
  /** An input of size n from the benchmark's default distribution (method note §2.4). */
  sample(n: number, rng: Rng): I;
  /** Runs the algorithm on `input`, recording the sample. */
  run(input: I): Sample;
}
