/**
 * `causal clrs sample` and `causal clrs list`: CLRS-30 samples (inputs, hint trajectory, outputs) as Arrow record
 * batches, and the table of algorithms. The algorithms, splits and schema live in src/clrs/.
 */
import type { RecordBatch, Schema } from 'apache-arrow';
import { provenanceMetadata, type Provenance } from '../io/batch.js';
import type { ClrsAlgorithm } from '../clrs/algorithm.js';
import { ALGORITHMS } from '../clrs/algorithms/index.js';
import { type ClrsRow, clrsSchema, samplesBatch } from '../clrs/arrow.js';
import { SPECS } from '../clrs/specs.js';
import { type SplitName, sampleAt } from '../clrs/splits.js';

export interface ClrsSampleRun {
  readonly algorithm: ClrsAlgorithm;
  readonly n: number;
  readonly count: number;
  readonly seed: number;
  /** Recorded in the `split` column; null for a run outside the benchmark's splits. */
  readonly split: SplitName | null;
  /** Samples per record batch, at most. */
  readonly batchSize: number;
}

/** A batch is also cut once it holds this many numbers, so long trajectories (bubble sort) keep memory flat. */
const BATCH_VALUES = 1 << 22;

export function clrsSampleSchema(run: ClrsSampleRun, provenance: Provenance): Schema {
  return clrsSchema(run.algorithm.name, provenanceMetadata(provenance));
}

/** The run's samples 0..count-1, in order, as record batches; `onSample` hears the count done so far. */
export function* clrsSampleBatches(run: ClrsSampleRun, schema: Schema, onSample?: (done: number) => void): Generator<RecordBatch> {
  let pending: ClrsRow[] = [];
  let values = 0;
  for (let index = 0; index < run.count; index++) {
    const sample = sampleAt(run.algorithm, run.n, run.seed, index);
    pending.push({ split: run.split, index, sample });
    values += sampleValues(sample);
    onSample?.(index + 1);
    if (pending.length === run.batchSize || values >= BATCH_VALUES) {
      yield samplesBatch(pending, schema);
      pending = [];
      values = 0;
    }
  }
  if (pending.length > 0) yield samplesBatch(pending, schema);
}

function sampleValues(s: ClrsRow['sample']): number {
  let total = 0;
  for (const v of Object.values(s.inputs)) total += v.length;
  for (const v of Object.values(s.outputs)) total += v.length;
  for (const t of Object.values(s.hints)) for (const v of t) total += v.length;
  return total;
}

export interface ClrsListing {
  readonly name: string;
  readonly family: string;
  readonly multiplier: number;
  readonly minN: number;
  readonly inputs: string;
  readonly outputs: string;
  readonly hints: string;
}

/** One line per algorithm, in the benchmark's order. */
export function clrsListing(): ClrsListing[] {
  return ALGORITHMS.map((a) => {
    const probes = (stage: string): string =>
      Object.entries(SPECS[a.name])
        .filter(([, p]) => p.stage === stage)
        .map(([name]) => name)
        .join(' ');
    return { name: a.name, family: a.family, multiplier: a.multiplier, minN: a.minN ?? 1, inputs: probes('input'), outputs: probes('output'), hints: probes('hint') };
  });
}
