/**
 * The CLRS benchmark metric (google-deepmind/clrs `evaluation.py`; method note §2.6), pooled over a whole test set:
 * predictions are accumulated sample by sample and each probe's metric is computed once over everything, not
 * averaged per batch.
 *
 * | type                      | metric                                                                   |
 * | pointer, permutation      | accuracy of the predicted target node (permutations fused with their head mask) |
 * | mask                      | positive-class F1, micro over all entries; precision or recall is 1 when its denominator is empty, F1 0 when both are 0 |
 * | mask_one                  | accuracy of the argmax node                                              |
 * | categorical               | accuracy of the argmax class                                             |
 * | scalar                    | mean squared error (lower is better)                                     |
 *
 * The score is the mean over the algorithm's output probes. Entries the benchmark marks MASKED are skipped: the
 * non-edges of bridges' `is_bridge` (docs/clrs-graphs.md) and lcs_length's blank class 3 (docs/clrs.md).
 * The same per-type metrics over predicted hint steps give the hint diagnostics.
 *
 * Values are in the sample layout (probe-spec.ts): pointers and categories as indices, masks 0/1, mask_one a one-hot.
 */
import type { ProbeSpec } from './probe-spec.js';
import type { Sample } from './sample.js';

/** Whether entry k of probe `name` is masked out of losses and metrics (the reference's OutputClass.MASKED). */
export function maskedEntries(algorithm: string, name: string, sample: Pick<Sample, 'inputs'>, values: Float64Array): ((k: number) => boolean) | null {
  if (algorithm === 'bridges' && (name === 'is_bridge' || name === 'is_bridge_h')) {
    const adj = sample.inputs.adj;
    return (k) => adj[k] === 0;
  }
  if (algorithm === 'lcs_length' && (name === 'b' || name === 'b_h')) return (k) => values[k] === LCS_BLANK;
  return null;
}

const LCS_BLANK = 3;

export interface ProbeScore {
  type: ProbeSpec['type'];
  /** 'accuracy', 'f1' or 'mse'. */
  metric: string;
  value: number;
  /** Entries (or samples, for mask_one) scored. */
  count: number;
}

interface Tally {
  spec: ProbeSpec;
  hits: number;
  count: number;
  tp: number;
  fp: number;
  fn: number;
  squares: number;
}

/** Accumulates truth/prediction pairs per probe. */
export class ProbeScorer {
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly algorithm: string) {}

  /** One snapshot of probe `name` (spec `spec`) of `sample`: truth and prediction in the sample layout. */
  add(name: string, spec: ProbeSpec, sample: Pick<Sample, 'inputs' | 'n'>, truth: Float64Array, pred: Float64Array): void {
    let t = this.tallies.get(name);
    if (!t) this.tallies.set(name, (t = { spec, hits: 0, count: 0, tp: 0, fp: 0, fn: 0, squares: 0 }));
    const masked = maskedEntries(this.algorithm, name, sample, truth);
    switch (spec.type) {
      case 'scalar':
        for (let k = 0; k < truth.length; k++) {
          t.squares += (pred[k] - truth[k]) ** 2;
          t.count += 1;
        }
        return;
      case 'mask':
        for (let k = 0; k < truth.length; k++) {
          if (masked?.(k)) continue;
          const p = pred[k] > 0.5;
          const y = truth[k] > 0.5;
          if (p && y) t.tp += 1;
          else if (p) t.fp += 1;
          else if (y) t.fn += 1;
          t.count += 1;
        }
        return;
      case 'mask_one': {
        const groups = spec.location === 'edge' ? sample.n : 1;
        const width = truth.length / groups;
        for (let gI = 0; gI < groups; gI++) {
          const from = gI * width;
          t.hits += argmax(truth, from, width) === argmax(pred, from, width) ? 1 : 0;
          t.count += 1;
        }
        return;
      }
      default:
        // pointer, should_be_permutation, categorical: indices
        for (let k = 0; k < truth.length; k++) {
          if (masked?.(k)) continue;
          t.hits += pred[k] === truth[k] ? 1 : 0;
          t.count += 1;
        }
    }
  }

  scores(): Record<string, ProbeScore> {
    const out: Record<string, ProbeScore> = {};
    for (const [name, t] of this.tallies) {
      const type = t.spec.type;
      if (type === 'scalar') out[name] = { type, metric: 'mse', value: t.count ? t.squares / t.count : 0, count: t.count };
      else if (type === 'mask') out[name] = { type, metric: 'f1', value: f1(t.tp, t.fp, t.fn), count: t.count };
      else out[name] = { type, metric: 'accuracy', value: t.count ? t.hits / t.count : 0, count: t.count };
    }
    return out;
  }
}

/** Positive-class F1 as CLRS computes it: an empty precision or recall denominator counts as 1. */
export function f1(tp: number, fp: number, fn: number): number {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 1;
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

/** The benchmark score: the mean of the output probes' metrics. */
export function benchmarkScore(outputs: Readonly<Record<string, ProbeScore>>): number {
  const values = Object.values(outputs).map((s) => s.value);
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

function argmax(x: Float64Array, from: number, width: number): number {
  let best = 0;
  for (let i = 1; i < width; i++) if (x[from + i] > x[from + best]) best = i;
  return best;
}
