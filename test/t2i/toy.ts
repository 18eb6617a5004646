/**
 * Toy image-token tables for the generator's tests: a 4x4 grid of codes from a codebook of 8, in four 2x2 blocks.
 * The caption names one colour per block (top left, top right, bottom left, bottom right), and the colour fixes the
 * block's codes: 2c on one diagonal of the block, 2c + 1 on the other. So the grid is a function of the caption.
 */
import { Field, FixedSizeList, Int32, List, makeData, type RecordBatch, RecordBatchStreamWriter, Schema, Utf8, vectorFromArray } from 'apache-arrow';
import { Rng } from '../../src/common/random.js';
import type { ArrowInput } from '../../src/io/arrow-input.js';
import { batchOf, utf8Data } from '../../src/io/images.js';

export const COLOURS = ['red', 'green', 'blue', 'yellow'];
export const GRID = { height: 4, width: 4 };
export const K = 8;

/** The grid a caption of four colour words describes. */
export function toyGrid(caption: string): Int32Array {
  const colours = caption.split(' ').map((w) => COLOURS.indexOf(w));
  return Int32Array.from({ length: 16 }, (_, p) => {
    const [r, c] = [Math.floor(p / 4), p % 4];
    const block = 2 * Math.floor(r / 2) + Math.floor(c / 2);
    return 2 * colours[block] + ((r + c) % 2);
  });
}

export function toyCaption(rng: Rng): string {
  return Array.from({ length: 4 }, () => COLOURS[rng.int(4)]).join(' ');
}

export interface ToyOptions {
  rows: number;
  seed: number;
  /** Captions as `captions` List<Utf8> (default, with a paraphrase that adds a word at the end) or one `caption` Utf8. */
  references?: 'several' | 'one';
  noCaptions?: boolean;
  noTokens?: boolean;
}

export function toyTable(o: ToyOptions): { batches: RecordBatch[]; captions: string[] } {
  const rng = new Rng(o.seed);
  const captions = Array.from({ length: o.rows }, () => toyCaption(rng));
  const tokens = new Int32Array(o.rows * 16);
  captions.forEach((c, i) => tokens.set(toyGrid(c), i * 16));
  const meta = new Map([
    ['grid_height', '4'],
    ['grid_width', '4'],
    ['code_dim', '2'],
    ['codebook_size', String(K)],
  ]);
  const tokenField = new Field('tokens', new FixedSizeList(16, new Field('item', new Int32(), false)), false, meta);
  const fields = [new Field('id', new Utf8(), false)];
  const columns = [utf8Data(captions.map((_, i) => `toy-${i}`))];
  if (!o.noTokens) {
    fields.push(tokenField);
    columns.push(makeData({ type: tokenField.type as FixedSizeList, length: o.rows, nullCount: 0, child: makeData({ type: new Int32(), length: tokens.length, data: tokens }) }));
  }
  if (!o.noCaptions) {
    if (o.references === 'one') {
      fields.push(new Field('caption', new Utf8(), true));
      columns.push(utf8Data(captions));
    } else {
      const type = new List(new Field('item', new Utf8(), true));
      fields.push(new Field('captions', type, true));
      columns.push(vectorFromArray(captions.map((c) => [c, `${c} blocks`]), type).data[0]);
    }
  }
  return { batches: [batchOf(new Schema(fields), columns)], captions };
}

export function toIpc(t: { batches: RecordBatch[] }): Uint8Array {
  return RecordBatchStreamWriter.writeAll(t.batches).toUint8Array(true);
}

export function toInput(t: { batches: RecordBatch[] }, name = 'toy'): ArrowInput {
  return {
    name,
    schema: t.batches[0].schema,
    batches: (async function* () {
      yield* t.batches;
    })(),
  };
}
