/**
 * Image, label and embedding columns (ARCHITECTURE.md, data contracts): images and embeddings are
 * FixedSizeList<Float32>, images carry `height`, `width`, `channels` in the field metadata; labels are Int32 with
 * nulls for unlabelled rows. Stages read a whole table of them into flat typed arrays (`readImageTable`).
 */
import { Field, FixedSizeList, Float32, Int32, RecordBatch, Schema, Struct, Type, Utf8, makeData, vectorFromArray, type Data, type Vector } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import type { ArrowInput } from './arrow-input.js';
import { type ColumnType, requireColumn } from './columns.js';

export interface ImageShape {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

export const IMAGE: ColumnType = {
  describe: 'FixedSizeList<Float32> with height, width, channels metadata',
  accepts: (t) => t.typeId === Type.FixedSizeList && (t.children[0] as Field).type.typeId === Type.Float,
};

export const LABEL: ColumnType = { describe: 'Int32', accepts: (t) => t.typeId === Type.Int };

export const pixels = (s: ImageShape): number => s.height * s.width * s.channels;

export function imageField(name: string, shape: ImageShape): Field {
  const meta = new Map([
    ['height', String(shape.height)],
    ['width', String(shape.width)],
    ['channels', String(shape.channels)],
  ]);
  return new Field(name, new FixedSizeList(pixels(shape), new Field('item', new Float32(), false)), false, meta);
}

/** A FixedSizeList<Float32> field of `size` (embeddings). */
export function vectorField(name: string, size: number): Field {
  return new Field(name, new FixedSizeList(size, new Field('item', new Float32(), false)), false);
}

/** The label field; class names, when known, travel in its metadata as a JSON list under `classes`. */
export function labelField(name: string, classes?: readonly string[]): Field {
  return new Field(name, new Int32(), true, classes ? new Map([['classes', JSON.stringify(classes)]]) : undefined);
}

/** A FixedSizeList<Float32> column of `rows` rows of `size` values each, from one flat array (no copy). */
export function fixedListData(field: Field, values: Float32Array, rows: number): Data {
  const size = (field.type as FixedSizeList).listSize;
  const child = makeData({ type: new Float32(), length: rows * size, data: values });
  return makeData({ type: field.type as FixedSizeList, length: rows, nullCount: 0, child });
}

export function int32Data(values: Int32Array, valid?: Uint8Array): Data {
  const nullCount = valid ? valid.length - valid.reduce((a, b) => a + b, 0) : 0;
  return makeData({ type: new Int32(), length: values.length, data: values, nullBitmap: nullCount ? packBits(valid!) : undefined, nullCount });
}

export function utf8Data(values: readonly string[]): Data {
  return vectorFromArray(values as string[], new Utf8()).data[0];
}

/** A record batch from fields and their column data (all of the same length). */
export function batchOf(schema: Schema, columns: readonly Data[]): RecordBatch {
  const length = columns[0]?.length ?? 0;
  const data = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children: [...columns] });
  return new RecordBatch(schema, data);
}

function packBits(valid: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(valid.length / 8));
  valid.forEach((v, i) => {
    if (v) out[i >> 3] |= 1 << (i & 7);
  });
  return out;
}

/** The height, width and channels an image field declares, checked against its list size. */
export function imageShapeOf(source: string, field: Field): ImageShape {
  const get = (k: string): number => {
    const v = Number(field.metadata.get(k));
    if (!Number.isInteger(v) || v <= 0) {
      throw new DataError(`${source}: column '${field.name}' lacks a positive integer '${k}' in its field metadata (images need height, width, channels)`);
    }
    return v;
  };
  const shape = { height: get('height'), width: get('width'), channels: get('channels') };
  const size = (field.type as FixedSizeList).listSize;
  if (size !== pixels(shape)) {
    throw new DataError(`${source}: column '${field.name}' holds ${size} values per row but declares ${shape.height}x${shape.width}x${shape.channels}`);
  }
  return shape;
}

/** A whole image table in memory: pixels row after row, labels (-1 where null), ids when present. */
export interface ImageTable {
  readonly source: string;
  readonly shape: ImageShape;
  readonly rows: number;
  readonly images: Float32Array;
  readonly labels: Int32Array | null;
  readonly ids: string[] | null;
  readonly classes: string[] | null;
  /** The schema of the input, for passing columns through. */
  readonly schema: Schema;
}

export interface ReadImageOptions {
  imageColumn?: string;
  labelColumn?: string;
  /** Labels are needed: a missing column or a null label is an error. */
  requireLabels?: boolean;
  /** Labels must lie in [0, classes). */
  classes?: number;
}

export async function readImageTable(input: ArrowInput, o: ReadImageOptions = {}): Promise<ImageTable> {
  const { name, schema } = input;
  const imageCol = o.imageColumn ?? 'image';
  const labelCol = o.labelColumn ?? 'label';
  const field = requireColumn(name, schema, imageCol, IMAGE);
  const shape = imageShapeOf(name, field);
  const size = pixels(shape);
  const hasLabels = o.requireLabels ? (requireColumn(name, schema, labelCol, LABEL), true) : schema.fields.some((f) => f.name === labelCol);
  if (hasLabels && !o.requireLabels) requireColumn(name, schema, labelCol, LABEL);
  const hasIds = schema.fields.some((f) => f.name === 'id' && f.type.typeId === Type.Utf8);
  const chunks: Float32Array[] = [];
  const labelChunks: Int32Array[] = [];
  const ids: string[] = [];
  let rows = 0;
  for await (const batch of input.batches) {
    const images = batch.getChild(imageCol)!;
    chunks.push(flatFloats(images, size, name, imageCol, rows));
    if (hasLabels) {
      const labels = batch.getChild(labelCol)!;
      const out = new Int32Array(batch.numRows);
      for (let i = 0; i < batch.numRows; i++) {
        const v = labels.get(i) as number | bigint | null;
        if (v === null) {
          if (o.requireLabels) throw new DataError(`${name}: row ${rows + i} has no '${labelCol}' (null); training and evaluation need labelled rows`);
          out[i] = -1;
          continue;
        }
        const k = Number(v);
        if (o.classes !== undefined && (k < 0 || k >= o.classes)) {
          throw new DataError(`${name}: row ${rows + i}: label ${k} is out of range [0, ${o.classes - 1}]`);
        }
        out[i] = k;
      }
      labelChunks.push(out);
    }
    if (hasIds) {
      const v = batch.getChild('id')!;
      for (let i = 0; i < batch.numRows; i++) ids.push(String(v.get(i)));
    }
    rows += batch.numRows;
  }
  if (rows === 0) throw new DataError(`${name}: empty table, no images`);
  const images = new Float32Array(rows * size);
  let at = 0;
  for (const c of chunks) {
    images.set(c, at);
    at += c.length;
  }
  let labels: Int32Array | null = null;
  if (hasLabels) {
    labels = new Int32Array(rows);
    let k = 0;
    for (const c of labelChunks) {
      labels.set(c, k);
      k += c.length;
    }
  }
  const classesMeta = schema.fields.find((f) => f.name === labelCol)?.metadata.get('classes');
  return { source: name, shape, rows, images, labels, ids: hasIds ? ids : null, classes: classesMeta ? (JSON.parse(classesMeta) as string[]) : null, schema };
}

/** The values of a FixedSizeList<Float> column as one Float32Array; null rows are an error. */
function flatFloats(v: Vector, size: number, source: string, column: string, firstRow: number): Float32Array {
  const out = new Float32Array(v.length * size);
  let at = 0;
  for (const d of v.data) {
    if (d.nullCount > 0) {
      for (let i = 0; i < d.length; i++) if (!d.getValid(i)) throw new DataError(`${source}: row ${firstRow + i}: column '${column}' is null`);
    }
    const child = d.children[0];
    const start = child.offset + d.offset * size;
    const values = child.values as ArrayLike<number>;
    const slice = (values as Float32Array).subarray ? (values as Float32Array).subarray(start, start + d.length * size) : Array.from(values).slice(start, start + d.length * size);
    out.set(slice, at);
    at += d.length * size;
  }
  return out;
}
