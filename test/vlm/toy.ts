/**
 * Toy image-token tables for the captioner's tests: every image is a grid of codebook vectors, and its captions name
 * the codes at two fixed cells, so a model that reads the embeddings can learn them.
 */
import { Field, FixedSizeList, Float32, List, RecordBatch, RecordBatchStreamWriter, Schema, Utf8, vectorFromArray } from 'apache-arrow';
import { Rng } from '../../src/common/random.js';
import { batchOf, fixedListData, imageField, utf8Data } from '../../src/io/images.js';

export const COLOURS = ['red', 'green', 'blue', 'yellow'];
export const SHAPES = ['circle', 'square', 'cross', 'bar'];

export interface ToyOptions {
  rows: number;
  seed: number;
  height?: number;
  width?: number;
  dim?: number;
  /** Paraphrases per image (several references) or one caption as `caption` Utf8. */
  references?: 'several' | 'one';
  /** Leave the captions out. */
  noCaptions?: boolean;
  /** Add an `image` column (the grid drawn as one coloured pixel per token), for the caption report. */
  image?: boolean;
}

export interface Toy {
  batches: RecordBatch[];
  /** The first reference of each row. */
  captions: string[];
}

export function toyTable(o: ToyOptions): Toy {
  const height = o.height ?? 2;
  const width = o.width ?? 2;
  const dim = o.dim ?? 8;
  const T = height * width;
  // one codebook for every table, so that tables of different seeds share the mapping from codes to words
  const codebook = new Rng(12345);
  const codes = Array.from({ length: 8 }, () => Float32Array.from({ length: dim }, () => codebook.normal()));
  const rng = new Rng(o.seed);
  const embedding = new Float32Array(o.rows * T * dim);
  const refs: string[][] = [];
  const pixels = new Float32Array(o.rows * T * 3);
  for (let r = 0; r < o.rows; r++) {
    const ids = Array.from({ length: T }, () => rng.int(codes.length));
    ids.forEach((id, t) => pixels.set([(id & 1) * 0.9, ((id >> 1) & 1) * 0.9, ((id >> 2) & 1) * 0.9], (r * T + t) * 3));
    ids.forEach((id, t) => embedding.set(codes[id], (r * T + t) * dim));
    const colour = COLOURS[ids[0] % 4];
    const shape = SHAPES[ids[T - 1] % 4];
    const big = ids[0] >= 4 ? 'big' : 'small';
    refs.push([`a ${big} ${colour} ${shape}`, `there is a ${big} ${colour} ${shape}`, `one ${colour} ${shape} that is ${big}`]);
  }
  const meta = new Map([
    ['grid_height', String(height)],
    ['grid_width', String(width)],
    ['code_dim', String(dim)],
    ['codebook_size', String(codes.length)],
  ]);
  const embField = new Field('embedding', new FixedSizeList(T * dim, new Field('item', new Float32(), false)), false, meta);
  const fields = [new Field('id', new Utf8(), false), embField];
  const columns = [utf8Data(refs.map((_, r) => `toy-${r}`)), fixedListData(embField, embedding, o.rows)];
  if (o.image) {
    const field = imageField('image', { height, width, channels: 3 });
    fields.push(field);
    columns.push(fixedListData(field, pixels, o.rows));
  }
  if (!o.noCaptions) {
    if (o.references === 'one') {
      fields.push(new Field('caption', new Utf8(), true));
      columns.push(utf8Data(refs.map((r) => r[0])));
    } else {
      const type = new List(new Field('item', new Utf8(), true));
      fields.push(new Field('captions', type, true));
      columns.push(vectorFromArray(refs, type).data[0]);
    }
  }
  return { batches: [batchOf(new Schema(fields), columns)], captions: refs.map((r) => r[0]) };
}

export function toIpc(t: Toy): Uint8Array {
  return RecordBatchStreamWriter.writeAll(t.batches).toUint8Array(true);
}
