/** Reading image-token tables for training, and writing captions as the encoder reads them. */
import { Field, FixedSizeList, Int32, List, makeData, RecordBatch, Schema, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { batchOf } from '../../src/io/images.js';
import { writeCaption } from '../../src/t2i/captions.js';
import { readTokenTable } from '../../src/t2i/table.js';
import { toInput, toyGrid, toyTable } from './toy.js';

function tokenTable(tokens: number[][], captions: (string | null)[][], meta: Record<string, string>): { batches: RecordBatch[] } {
  const size = tokens[0].length;
  const field = new Field('tokens', new FixedSizeList(size, new Field('item', new Int32(), false)), false, new Map(Object.entries(meta)));
  const type = new List(new Field('item', new Utf8(), true));
  const data = makeData({ type: field.type as FixedSizeList, length: tokens.length, nullCount: 0, child: makeData({ type: new Int32(), length: tokens.length * size, data: Int32Array.from(tokens.flat()) }) });
  return { batches: [batchOf(new Schema([field, new Field('captions', type, true)]), [data, vectorFromArray(captions, type).data[0]])] };
}

describe('readTokenTable', () => {
  it('reads the grid, the codebook size, the tokens and the non-blank references', async () => {
    const toy = toyTable({ rows: 5, seed: 4 });
    const t = await readTokenTable(toInput(toy));
    expect(t).toMatchObject({ rows: 5, grid: { height: 4, width: 4 }, codebookSize: 8, captionColumn: 'captions' });
    toy.captions.forEach((c, i) => {
      expect(Array.from(t.tokens.subarray(i * 16, (i + 1) * 16))).toEqual(Array.from(toyGrid(c)));
      expect(t.references[i]).toEqual([c, `${c} blocks`]);
    });
    const one = await readTokenTable(toInput(toyTable({ rows: 3, seed: 4, references: 'one' })));
    expect(one.captionColumn).toBe('caption');
    expect(one.references.map((r) => r.length)).toEqual([1, 1, 1]);
  });

  it('refuses tokens outside the codebook, missing grid metadata, a wrong list size and a row without captions', async () => {
    const meta = { grid_height: '1', grid_width: '2', codebook_size: '4' };
    await expect(readTokenTable(toInput(tokenTable([[0, 4]], [['a b']], meta), 'bad.arrow'))).rejects.toThrow(/bad.arrow: row 0: token 4 at position 1 is outside the codebook \[0, 3\]/);
    await expect(readTokenTable(toInput(tokenTable([[0, 1]], [['a b']], { grid_height: '1', grid_width: '2' }), 'bad.arrow'))).rejects.toThrow(/lacks a positive integer 'codebook_size'/);
    await expect(readTokenTable(toInput(tokenTable([[0, 1, 2]], [['a b']], meta), 'bad.arrow'))).rejects.toThrow(/holds 3 tokens per row but declares a 1x2 grid/);
    await expect(readTokenTable(toInput(tokenTable([[0, 1], [1, 0]], [['a b'], [null, ' ']], meta), 'bad.arrow'))).rejects.toThrow(/bad.arrow: row 1 has no caption in 'captions'/);
  });
});

describe('writeCaption', () => {
  it('writes <bos>, the words up to maxLength, then <pad>; the dropped caption is <bos> alone', () => {
    const out = new BigInt64Array(3 * 4).fill(-1n);
    writeCaption(out, 0, [7, 8], 3);
    writeCaption(out, 1, [4, 5, 6, 7, 8], 3);
    writeCaption(out, 2, null, 3);
    expect(Array.from(out, Number)).toEqual([1, 7, 8, 0, 1, 4, 5, 6, 1, 0, 0, 0]);
  });
});
