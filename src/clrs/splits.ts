/**
 * The CLRS-30 splits (google-deepmind/clrs `samplers.CLRS30` and `dataset.py`; method note §2.3): train 1000
 * samples at n = 16 (seed 1), val 32 x multiplier at n = 16 (seed 2), test 32 x multiplier at n = 64 (seed 3).
 *
 * Sample i of a run comes from its own stream rngFor(seed, `${algorithm} ${i}`), so any sample can be regenerated
 * alone, in any order or shard. The benchmark instead draws all samples in turn from one numpy RandomState(seed):
 * our samples follow the same distributions, but they are not the benchmark's samples bit for bit.
 */
import { rngFor } from '../common/random.js';
import type { ClrsAlgorithm } from './algorithm.js';
import type { Sample } from './sample.js';

export const SPLIT_NAMES = ['train', 'val', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

export interface SplitPlan {
  readonly n: number;
  readonly count: number;
  readonly seed: number;
}

const SPLITS: Readonly<Record<SplitName, { n: number; count: number; seed: number; multiplied: boolean }>> = {
  train: { n: 16, count: 1000, seed: 1, multiplied: false },
  val: { n: 16, count: 32, seed: 2, multiplied: true },
  test: { n: 64, count: 32, seed: 3, multiplied: true },
};

/** Size, sample count and seed of `split` for `algorithm`. */
export function splitPlan(algorithm: Pick<ClrsAlgorithm, 'multiplier'>, split: SplitName): SplitPlan {
  const s = SPLITS[split];
  return { n: s.n, count: s.multiplied ? s.count * algorithm.multiplier : s.count, seed: s.seed };
}

/** Sample `index` of a run at size n under `seed`. */
export function sampleAt(algorithm: ClrsAlgorithm, n: number, seed: number, index: number): Sample {
  return algorithm.run(algorithm.sample(n, rngFor(seed, `${algorithm.name} ${index}`)));
}
