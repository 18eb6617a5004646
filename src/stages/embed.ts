import { Field, Schema, Utf8, type RecordBatch } from 'apache-arrow';
import type { RuntimeOptions } from '../engine/runtime.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { type Provenance, provenanceMetadata } from '../io/batch.js';
import { batchOf, fixedListData, int32Data, labelField, readImageTable, utf8Data, vectorField } from '../io/images.js';
import { classify } from './classify.js';
import { checkModelInput, openModel } from './model-session.js';

export interface Embedded {
  schema: Schema;
  batches: RecordBatch[];
  rows: number;
  features: number;
}

/**
 * Every image's embedding (the model's penultimate features) as FixedSizeList<Float32>, with the input's `id` and
 * `label` columns passed through when present, and the predicted class as `prediction`.
 */
export async function embedImages(input: ArrowInput, dir: string, runtime: RuntimeOptions, o: { batchSize: number; provenance: Provenance }): Promise<Embedded> {
  const { card, session } = await openModel(dir, runtime);
  try {
    const table = await readImageTable(input);
    checkModelInput(table, card, dir);
    const run = await classify(session, table.images, table.rows, { embedding: true });
    const features = run.features!;
    const fields: Field[] = [];
    if (table.ids) fields.push(new Field('id', new Utf8(), false));
    if (table.labels) fields.push(labelField('label', card.output.classNames ?? undefined));
    fields.push(vectorField('embedding', features), labelField('prediction'));
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
      cols.push(fixedListData(fields[cols.length], run.embedding!.subarray(start * features, end * features), end - start));
      cols.push(int32Data(run.predictions.slice(start, end)));
      batches.push(batchOf(schema, cols));
    }
    return { schema, batches, rows: table.rows, features };
  } finally {
    await session.release();
  }
}
