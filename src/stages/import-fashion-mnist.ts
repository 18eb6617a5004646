import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Field, type RecordBatch, Schema, Utf8 } from 'apache-arrow';
import { DataError, UsageError } from '../common/errors.js';
import { type Provenance, provenanceMetadata } from '../io/batch.js';
import { readIdx } from '../io/formats/idx.js';
import { batchOf, fixedListData, imageField, int32Data, labelField, utf8Data } from '../io/images.js';

/** Where Debian's dataset-fashion-mnist package puts the IDX files. */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';
export const FASHION_MNIST_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const PREFIX = { train: 'train', test: 't10k' } as const;
export type Split = keyof typeof PREFIX;
export const SPLITS = Object.keys(PREFIX) as Split[];

export interface FashionMnistOptions {
  dir: string;
  split: Split;
  batchSize: number;
  provenance: Provenance;
}

export interface FashionMnistTable {
  schema: Schema;
  rows: number;
  batches: RecordBatch[];
}

/**
 * Fashion-MNIST from its IDX files (`train-*` or `t10k-*`, gzipped or not) as Arrow: `id` (`train-00000`...),
 * `image` (FixedSizeList<Float32>[784], pixels / 255, 28x28x1) and `label` (Int32 0-9, class names in the field
 * metadata).
 */
export async function importFashionMnist(o: FashionMnistOptions): Promise<FashionMnistTable> {
  const images = await readIdx(await findIdx(o.dir, `${PREFIX[o.split]}-images-idx3-ubyte`));
  const labels = await readIdx(await findIdx(o.dir, `${PREFIX[o.split]}-labels-idx1-ubyte`));
  if (images.dims.length !== 3) throw new DataError(`${o.dir}: the ${o.split} images are not a 3-D IDX array (dims [${images.dims.join(', ')}])`);
  if (labels.dims.length !== 1) throw new DataError(`${o.dir}: the ${o.split} labels are not a 1-D IDX array`);
  const [rows, height, width] = images.dims;
  if (labels.dims[0] !== rows) throw new DataError(`${o.dir}: ${rows} ${o.split} images but ${labels.dims[0]} labels`);
  const bad = labels.data.findIndex((l) => l >= FASHION_MNIST_CLASSES.length);
  if (bad >= 0) throw new DataError(`${o.dir}: ${o.split} label ${labels.data[bad]} at row ${bad} is out of range [0, 9]`);
  const shape = { height, width, channels: 1 };
  const schema = new Schema(
    [new Field('id', new Utf8(), false), imageField('image', shape), labelField('label', FASHION_MNIST_CLASSES)],
    provenanceMetadata(o.provenance),
  );
  const size = height * width;
  const batches: RecordBatch[] = [];
  const digits = String(rows - 1).length;
  for (let start = 0; start < rows; start += o.batchSize) {
    const n = Math.min(o.batchSize, rows - start);
    const px = new Float32Array(n * size);
    const src = images.data.subarray(start * size, (start + n) * size);
    for (let i = 0; i < px.length; i++) px[i] = src[i] / 255;
    const ids = Array.from({ length: n }, (_, i) => `${o.split}-${String(start + i).padStart(digits, '0')}`);
    const lab = Int32Array.from(labels.data.subarray(start, start + n));
    batches.push(batchOf(schema, [utf8Data(ids), fixedListData(schema.fields[1], px, n), int32Data(lab)]));
  }
  return { schema, rows, batches };
}

async function findIdx(dir: string, base: string): Promise<string> {
  for (const name of [`${base}.gz`, base]) {
    const file = path.join(dir, name);
    if (await fs.stat(file).catch(() => null)) return file;
  }
  const hint = dir === FASHION_MNIST_DIR ? ' (install it: apt-get install dataset-fashion-mnist)' : '';
  throw new UsageError(`fashion-mnist: ${path.join(dir, base)}[.gz] not found${hint}; --dir names another folder`);
}
