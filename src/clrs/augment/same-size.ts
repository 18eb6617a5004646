/**
 * On-the-fly augmentation of one training step for a whole batch (Hint-ReLIC training, docs/clrs-model.md): every
 * kept augmentation of the batch must have the same node count m, because the augmented batch goes through the
 * network as one [B, m, ...] tensor, and padding nodes are not neutral in a fully connected processor.
 *
 * Each sample's step t is augmented with `augmentStep` (proposal, re-run, oracle). m is the largest node count
 * drawn. A smaller augmentation is augmented again at its own matched step t' with at most m - n' extra nodes, until
 * it reaches m: a verified augmentation of a verified augmentation keeps step t on the original nodes (the node maps
 * compose), so every kept row still passed the oracle. A sample that cannot reach m in `rounds` rounds, or whose
 * step the oracle rejects, keeps no augmentation at this step.
 */
import type { Rng } from '../../common/random.js';
import type { Sample } from '../sample.js';
import type { Augmenter } from './augmenter.js';
import { augmentStep, type StepOptions } from './index.js';

export interface SameSizeOptions extends StepOptions {
  /** Further augmentation rounds allowed to bring an augmentation up to the batch's node count. */
  readonly rounds: number;
}

export interface KeptAugmentation {
  readonly sample: Sample;
  /** The augmented step that repeats the original's step t. */
  readonly step: number;
  /** Original node i is augmented node nodeMap[i]. */
  readonly nodeMap: readonly number[];
}

export interface SameSizeBatch {
  /** The common node count of the kept augmentations (the batch's n when none was kept). */
  readonly m: number;
  /** Per sample: its augmentation, or null (no next hint, rejected, not applicable, or not resizable). */
  readonly kept: (KeptAugmentation | null)[];
  readonly counts: { augmented: number; skipped: number; notApplicable: number; unresized: number };
}

/**
 * Augments step t of every sample that has a step t + 1; `rngOf(b)` is sample b's stream. Samples without a next
 * hint are left out and not counted.
 */
export function augmentSameSize(augmenter: Augmenter, samples: readonly Sample[], t: number, rngOf: (b: number) => Rng, o: SameSizeOptions): SameSizeBatch {
  const counts = { augmented: 0, skipped: 0, notApplicable: 0, unresized: 0 };
  const rngs = samples.map((_, b) => rngOf(b));
  const first = samples.map((s, b): KeptAugmentation | null => {
    if (t + 1 >= s.length) return null;
    const r = augmentStep(augmenter, s, t, rngs[b], o);
    if (r.kind === 'skipped') counts.skipped += 1;
    if (r.kind === 'not-applicable') counts.notApplicable += 1;
    return r.kind === 'augmented' ? { sample: r.sample, step: r.augmentedStep, nodeMap: r.nodeMap } : null;
  });
  const sizes = first.filter((k): k is KeptAugmentation => k !== null).map((k) => k.sample.n);
  const m = sizes.length ? Math.max(...sizes) : samples[0].n;
  const kept = first.map((k, b) => {
    let cur = k;
    for (let round = 0; cur && cur.sample.n < m && round < o.rounds; round++) {
      const r = augmentStep(augmenter, cur.sample, cur.step, rngs[b], { maxExtra: m - cur.sample.n, tries: o.tries });
      if (r.kind !== 'augmented') break;
      const map = cur.nodeMap;
      cur = { sample: r.sample, step: r.augmentedStep, nodeMap: map.map((v) => r.nodeMap[v]) };
    }
    if (cur && cur.sample.n !== m) {
      counts.unresized += 1;
      return null;
    }
    if (cur) counts.augmented += 1;
    return cur;
  });
  return { m, kept, counts };
}
