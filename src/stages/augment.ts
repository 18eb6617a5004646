import { Field, Int32, RecordBatch, Schema, Utf8, type Data } from 'apache-arrow';
import { type AugmentPolicy, augmentBatch } from '../augment/index.js';
import { rngFor } from '../common/random.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { type Provenance, provenanceMetadata } from '../io/batch.js';
import { UTF8, optionalColumn, requireColumn } from '../io/columns.js';
import { imageGridPng } from '../io/png.js';
import { IMAGE, type ImageShape, LABEL, batchOf, fixedListData, imageField, imageShapeOf, int32Data, labelField, pixels, readImageTable, utf8Data } from '../io/images.js';

export interface AugmentOptions {
  readonly policy: AugmentPolicy;
  readonly seed: number;
  /** Only the first this many input rows. */
  readonly rows?: number;
  /** How many input rows the preview keeps, for the grid. */
  readonly previewRows: number;
  readonly provenance: Provenance;
}

/** The first input images and their views, kept for the grid: augmented[i] holds row i's views one after another. */
export interface Preview {
  readonly shape: ImageShape;
  readonly views: number;
  readonly originals: Float32Array[];
  readonly augmented: Float32Array[];
}

export interface AugmentRun {
  readonly schema: Schema;
  /** One output batch per input batch; read lazily, so memory stays flat. */
  readonly batches: AsyncGenerator<RecordBatch>;
  /** Filled while `batches` is consumed. */
  readonly preview: Preview;
  /** Input rows read so far. */
  readonly count: { rows: number };
}

/**
 * The views of every image: one output row per (input row, view), rows in input order and each row's views in
 * policy order (large, then small). `id` and `label` are passed through when present; `source_row` is the input
 * row's index, `view` the view's index and `view_kind` 'large' or 'small'.
 *
 * Each input row draws from its own stream, rngFor(seed, row index), so a row's views do not depend on how the
 * input was cut into record batches or on --rows.
 */
export function augmentImages(input: ArrowInput, o: AugmentOptions): AugmentRun {
  const { name, schema: inputSchema } = input;
  const shape = imageShapeOf(name, requireColumn(name, inputSchema, 'image', IMAGE));
  const hasIds = optionalColumn(name, inputSchema, 'id', UTF8) !== undefined;
  const labelIn = optionalColumn(name, inputSchema, 'label', LABEL);
  const fields: Field[] = [];
  if (hasIds) fields.push(new Field('id', new Utf8(), false));
  if (labelIn) fields.push(labelField('label', classesOf(labelIn)));
  fields.push(new Field('source_row', new Int32(), false), new Field('view', new Int32(), false), new Field('view_kind', new Utf8(), false), imageField('image', shape));
  const schema = new Schema(fields, provenanceMetadata(o.provenance));
  const views = o.policy.largeViews + o.policy.smallViews;
  const kinds = Array.from({ length: views }, (_, v) => (v < o.policy.largeViews ? 'large' : 'small'));
  const preview: Preview = { shape, views, originals: [], augmented: [] };
  const count = { rows: 0 };
  const limit = o.rows ?? Infinity;
  const size = pixels(shape);

  async function* batches(): AsyncGenerator<RecordBatch> {
    let batchIndex = 0;
    for await (const whole of input.batches) {
      const batch = whole.numRows > limit - count.rows ? whole.slice(0, limit - count.rows) : whole;
      batchIndex++;
      if (batch.numRows === 0) continue;
      const table = await readImageTable({ name: `${name} (record batch ${batchIndex})`, schema: inputSchema, batches: once(batch) });
      const n = table.rows;
      const out = new Float32Array(n * views * size);
      const one = Int32Array.of(0);
      for (let i = 0; i < n; i++) {
        one[0] = i;
        const viewsOfRow = out.subarray(i * views * size, (i + 1) * views * size);
        augmentBatch(table.images, shape, one, o.policy, rngFor(o.seed, String(count.rows + i)), viewsOfRow);
        if (preview.originals.length < o.previewRows) {
          preview.originals.push(table.images.slice(i * size, (i + 1) * size));
          preview.augmented.push(viewsOfRow.slice());
        }
      }
      const repeat = <T>(values: ArrayLike<T>, k: number): T => values[Math.floor(k / views)];
      const columns: Data[] = [];
      if (hasIds) columns.push(utf8Data(Array.from({ length: n * views }, (_, k) => repeat(table.ids!, k))));
      if (labelIn) {
        const labels = Int32Array.from({ length: n * views }, (_, k) => repeat(table.labels!, k));
        columns.push(int32Data(labels, Uint8Array.from(labels, (l) => (l >= 0 ? 1 : 0))));
      }
      columns.push(
        int32Data(Int32Array.from({ length: n * views }, (_, k) => count.rows + Math.floor(k / views))),
        int32Data(Int32Array.from({ length: n * views }, (_, k) => k % views)),
        utf8Data(Array.from({ length: n * views }, (_, k) => kinds[k % views])),
        fixedListData(fields[fields.length - 1], out, n * views),
      );
      count.rows += n;
      yield batchOf(schema, columns);
      if (count.rows >= limit) return;
    }
  }
  return { schema, batches: batches(), preview, count };
}

function classesOf(field: Field): string[] | undefined {
  const meta = field.metadata.get('classes');
  return meta ? (JSON.parse(meta) as string[]) : undefined;
}

async function* once(batch: RecordBatch): AsyncGenerator<RecordBatch> {
  yield batch;
}

/** A PNG of the preview: one row per input image, its input first and then one column per view. */
export function previewPng(p: Preview): Uint8Array {
  const size = pixels(p.shape);
  const rows = p.originals.map((img, r) => [img, ...Array.from({ length: p.views }, (_, v) => p.augmented[r].subarray(v * size, (v + 1) * size))]);
  return imageGridPng(rows, p.shape, { sourceColumn: true });
}
