import { Field, Schema, Utf8, type RecordBatch } from 'apache-arrow';
import type { RuntimeOptions } from '../engine/runtime.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { type Provenance, provenanceMetadata } from '../io/batch.js';
import { batchOf, fixedListData, int32Data, labelField, readImageTable, utf8Data, vectorField } from '../io/images.js';
import { UsageError } from '../common/errors.js';
import { TASKS } from '../io/model-dir.js';
import { classify, runImages } from './classify.js';
import { checkModelInput, openModel } from './model-session.js';

export interface Embedded {
  schema: Schema;
  batches: RecordBatch[];
  rows: number;
  features: number;
}

/** Which output becomes the `embedding` column: the encoder's features, or a self-supervised model's projection head. */
export const LAYERS = ['embedding', 'projection'] as const;
export type Layer = (typeof LAYERS)[number];

/**
 * Every image's embedding as FixedSizeList<Float32>, with the input's `id` and `label` columns passed through when
 * present. A classifier's embedding is its penultimate features, and its predicted class comes as `prediction`; a
 * self-supervised model's is its encoder output (or, with layer 'projection', the projection head's).
 */
export async function embedImages(
  input: ArrowInput,
  dir: string,
  runtime: RuntimeOptions,
  o: { batchSize: number; provenance: Provenance; layer?: Layer },
): Promise<Embedded> {
  const { card, session } = await openModel(dir, runtime, [TASKS.supervised, TASKS.ssl]);
  try {
    const layer = o.layer ?? 'embedding';
    const classifier = card.task === TASKS.supervised;
    if (!(layer in card.output.onnx)) throw new UsageError(`--layer ${layer}: the model in ${dir} has no '${layer}' output (it has ${Object.keys(card.output.onnx).join(', ')})`);
    const table = await readImageTable(input);
    checkModelInput(table, card, dir);
    const run = classifier ? await classify(session, table.images, table.rows, { embedding: true }) : null;
    const vectors = run ? { data: run.embedding!, width: run.features! } : (await runImages(session, table.images, table.rows, [layer]))[layer];
    const features = vectors.width;
    const fields: Field[] = [];
    if (table.ids) fields.push(new Field('id', new Utf8(), false));
    if (table.labels) fields.push(labelField('label', card.output.classNames ?? table.classes ?? undefined));
    fields.push(vectorField('embedding', features));
    if (run) fields.push(labelField('prediction'));
    const schema = new Schema(fields, provenanceMetadata(o.provenance));
    const batches: RecordBatch[] = [];
    for (let start = 0; start < table.rows; start += o.batchSize) {
      const end = Math.min(table.rows, start + o.batchSize);
      const cols = [];
      if (table.ids) cols.push(utf8Data(table.ids.slice(start, end)));
      if (table.labels) {
        const labels = table.labels.slice(start, end);
        cols.push(int32Data(labels, Uint8Array.from(labels, (l) => (l >= 0 ? 1 : 0))));
      }
      cols.push(fixedListData(fields[cols.length], vectors.data.subarray(start * features, end * features), end - start));
      if (run) cols.push(int32Data(run.predictions.slice(start, end)));
      batches.push(batchOf(schema, cols));
    }
    return { schema, batches, rows: table.rows, features };
  } finally {
    await session.release();
  }
}
