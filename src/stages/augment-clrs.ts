/**
 * `causal augment-clrs`: Hint-ReLIC augmentations of a CLRS sample table (docs/clrs-augment.md). For each sample
 * and each chosen hint step t, an augmented input on which step t -> t+1 is the same on the original nodes,
 * checked by re-running the algorithm (src/clrs/augment/). One output row per kept (sample, step): the augmented
 * sample in the clrs-sample schema (src/clrs/arrow.ts), so `readSamples` reads the output as a CLRS table, plus
 * `step` (t), `augmented_step` (t') and `node_map` (original node i is augmented node node_map[i]). `index` and
 * `split` are the source sample's.
 *
 * Input batches are read one at a time and output batches are cut by row count and size, so memory stays flat.
 */
import { type Data, Field, Int32, List, type RecordBatch, Schema, Table, makeData } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { type Provenance, provenanceMetadata } from '../io/batch.js';
import { batchOf, int32Data } from '../io/images.js';
import { type ClrsRow, clrsSchema, readSamples, samplesBatch } from '../clrs/arrow.js';
import type { Augmenter } from '../clrs/augment/augmenter.js';
import { AUGMENTED_ALGORITHMS, type SampleOptions, augmentSample, augmenterFor } from '../clrs/augment/index.js';
import type { Sample } from '../clrs/sample.js';

export interface AugmentClrsOptions extends SampleOptions {
  /** Output rows per record batch, at most. */
  readonly batchSize: number;
  readonly provenance: Provenance;
}

export interface AugmentClrsCounts {
  samples: number;
  /** Steps with a verified augmentation (one output row each). */
  augmented: number;
  /** Steps whose every try failed the oracle. */
  skipped: number;
  /** Steps where the rule has nothing it may change (strongly_connected_components' phase 1). */
  notApplicable: number;
}

export interface AugmentClrsRun {
  readonly algorithm: string;
  readonly schema: Schema;
  readonly batches: AsyncGenerator<RecordBatch>;
  /** Filled while `batches` is consumed. */
  readonly counts: AugmentClrsCounts;
}

/** An output batch is also cut once it holds this many numbers (augmented bubble-sort rows are large). */
const BATCH_VALUES = 1 << 22;

const NODE_MAP = (): List<Int32> => new List(new Field('item', new Int32(), true));

/** The output schema: the clrs-sample schema of `algorithm`, then step, augmented_step and node_map. */
export function augmentClrsSchema(algorithm: string, provenance: Provenance): Schema {
  const base = clrsSchema(algorithm, provenanceMetadata(provenance));
  const extra = [new Field('step', new Int32(), false), new Field('augmented_step', new Int32(), false), new Field('node_map', NODE_MAP(), false)];
  return new Schema([...base.fields, ...extra], base.metadata);
}

/** The algorithm of a clrs-sample table and its rule; a one-line DataError when either is missing. */
export function augmenterOfTable(input: Pick<ArrowInput, 'name' | 'schema'>): Augmenter {
  const algorithm = input.schema.metadata.get('clrs.algorithm');
  if (algorithm === undefined || !input.schema.fields.some((f) => f.name === 'algorithm')) {
    throw new DataError(`${input.name}: not a CLRS sample table (no clrs.algorithm metadata; make one with \`causal clrs sample\`)`);
  }
  const augmenter = augmenterFor(algorithm);
  if (!augmenter) throw new DataError(`${input.name}: no augmentation rule for CLRS algorithm '${algorithm}' (rules exist for ${AUGMENTED_ALGORITHMS.join(', ')})`);
  return augmenter;
}

interface OutRow extends ClrsRow {
  readonly step: number;
  readonly augmentedStep: number;
  readonly nodeMap: readonly number[];
}

/** The augmentations of every sample of `input`, as record batches of `schema`. */
export function augmentClrs(input: ArrowInput, o: AugmentClrsOptions): AugmentClrsRun {
  const augmenter = augmenterOfTable(input);
  const algorithm = augmenter.algorithm;
  const schema = augmentClrsSchema(algorithm, o.provenance);
  const base = clrsSchema(algorithm, provenanceMetadata(o.provenance));
  const counts: AugmentClrsCounts = { samples: 0, augmented: 0, skipped: 0, notApplicable: 0 };

  async function* batches(): AsyncGenerator<RecordBatch> {
    let pending: OutRow[] = [];
    let values = 0;
    for await (const batch of input.batches) {
      for (const row of readSamples(new Table([batch]))) {
        if (row.sample.algorithm !== algorithm) throw new DataError(`${input.name}: a ${row.sample.algorithm} row in a ${algorithm} table`);
        counts.samples += 1;
        for (const { t, outcome } of augmentSample(augmenter, row.sample, row.index, o)) {
          if (outcome.kind === 'skipped') counts.skipped += 1;
          else if (outcome.kind === 'not-applicable') counts.notApplicable += 1;
          else {
            counts.augmented += 1;
            pending.push({ split: row.split, index: row.index, sample: outcome.sample, step: t, augmentedStep: outcome.augmentedStep, nodeMap: outcome.nodeMap });
            values += sampleValues(outcome.sample);
            if (pending.length === o.batchSize || values >= BATCH_VALUES) {
              yield outputBatch(pending, base, schema);
              pending = [];
              values = 0;
            }
          }
        }
      }
    }
    if (pending.length > 0) yield outputBatch(pending, base, schema);
  }
  return { algorithm, schema, batches: batches(), counts };
}

function outputBatch(rows: readonly OutRow[], base: Schema, schema: Schema): RecordBatch {
  const samples = samplesBatch(rows, base);
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.nodeMap.length));
  const maps = Int32Array.from(rows.flatMap((r) => r.nodeMap));
  const nodeMap: Data = makeData({ type: NODE_MAP() as List, length: rows.length, nullCount: 0, valueOffsets: offsets, child: int32Data(maps) });
  return batchOf(schema, [
    ...samples.data.children,
    int32Data(Int32Array.from(rows, (r) => r.step)),
    int32Data(Int32Array.from(rows, (r) => r.augmentedStep)),
    nodeMap,
  ]);
}

function sampleValues(s: Sample): number {
  let total = 0;
  for (const v of Object.values(s.inputs)) total += v.length;
  for (const t of Object.values(s.hints)) for (const v of t) total += v.length;
  return total;
}
