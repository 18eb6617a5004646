import { RecordBatch, Schema } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import type { ArrowInput } from '../io/arrow-input.js';

/**
 * The batches of several inputs, one after another, under the first input's schema and provenance. The inputs must
 * have the same columns with the same types: the shards of one stage run, typically.
 */
export async function* concatInputs(inputs: readonly ArrowInput[]): AsyncGenerator<RecordBatch> {
  const schema = inputs[0].schema;
  for (const input of inputs) checkSameColumns(inputs[0], input);
  for (const input of inputs) {
    for await (const batch of input.batches) {
      yield batch.schema === schema ? batch : new RecordBatch(schema, batch.data);
    }
  }
}

function checkSameColumns(first: ArrowInput, other: ArrowInput): void {
  const describe = (s: Schema): string => s.fields.map((f) => `${f.name}:${f.type}`).join(', ');
  if (describe(first.schema) !== describe(other.schema)) {
    throw new DataError(
      `${other.name}: columns differ from ${first.name} (${describe(other.schema)} vs ${describe(first.schema)})`,
    );
  }
}
