import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { causal, pipeline, tempDir, writePairs } from './helpers.js';

const FIXTURE = path.resolve('fixtures/fashion-mnist');
let dir: string;
let train: string;

beforeAll(async () => {
  dir = tempDir('augment');
  train = path.join(dir, 'train.arrow');
  // small record batches, so that --rows and the per-row streams are exercised across batch boundaries
  expect((await causal(['import', 'fashion-mnist', '--dir', FIXTURE, '--batch-size', '3', '-o', train])).exitCode).toBe(0);
});

const read = (file: string): Table => tableFromIPC(readFileSync(file));
function imageBytes(t: Table, row: number): Buffer {
  const px = t.getChild('image')!.get(row)!.toArray() as Float32Array;
  return Buffer.from(px.buffer, px.byteOffset, px.byteLength);
}

describe('causal augment', () => {
  it('writes one row per (image, view) with the shape kept, and a PNG grid, in a pipe', async () => {
    const out = path.join(dir, 'views.arrow');
    const png = path.join(dir, 'views.png');
    const r = await pipeline(`causal import fashion-mnist --dir ${FIXTURE} | causal augment --rows 4 --seed 1 --plot ${png} > ${out}`);
    expect(r.stderr).toMatch(/augment: 4 images x 4 views \(2 large, 2 small\) = 16 rows/);
    expect(r.exitCode).toBe(0);
    const t = read(out);
    expect(t.numRows).toBe(16);
    expect(t.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      'id:Utf8',
      'label:Int32',
      'source_row:Int32',
      'view:Int32',
      'view_kind:Utf8',
      'image:FixedSizeList[784]<Float32>',
    ]);
    const image = t.schema.fields.find((f) => f.name === 'image')!;
    expect(Object.fromEntries(image.metadata)).toEqual({ height: '28', width: '28', channels: '1' });
    expect(t.schema.fields.find((f) => f.name === 'label')!.metadata.get('classes')).toMatch(/T-shirt/);
    expect(t.schema.metadata.get('causal.stage')).toBe('augment');
    expect(t.schema.metadata.get('causal.seed')).toBe('1');
    const rows = t.toArray().map((row) => [row.id, row.source_row, row.view, row.view_kind]);
    expect(rows.slice(0, 5)).toEqual([
      ['train-000', 0, 0, 'large'],
      ['train-000', 0, 1, 'large'],
      ['train-000', 0, 2, 'small'],
      ['train-000', 0, 3, 'small'],
      ['train-001', 1, 0, 'large'],
    ]);
    for (let i = 0; i < t.numRows; i++) {
      const px = t.getChild('image')!.get(i)!.toArray() as Float32Array;
      expect(Math.min(...px)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...px)).toBeLessThanOrEqual(1);
    }
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    // 4 images: 5 columns (the input, then 4 views) of 84-pixel cells
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([2 + 5 * 86 + 6, 2 + 4 * 86]);
  });

  it('is reproducible: the same seed gives the same bytes, another seed other views', async () => {
    const run = async (seed: number, name: string): Promise<Buffer> => {
      const file = path.join(dir, name);
      expect((await causal(['augment', train, '--rows', '5', '--seed', String(seed), '-o', file])).exitCode).toBe(0);
      return readFileSync(file);
    };
    const a = await run(7, 'a.arrow');
    expect((await run(7, 'b.arrow')).equals(a)).toBe(true);
    const c = read(path.join(dir, 'a.arrow'));
    const d = tableFromIPC(await run(8, 'c.arrow'));
    expect(imageBytes(c, 0).equals(imageBytes(d, 0))).toBe(false);
  });

  it('gives a row the same views whatever the batching and --rows', async () => {
    const few = path.join(dir, 'few.arrow');
    const many = path.join(dir, 'many.arrow');
    expect((await causal(['augment', train, '--rows', '2', '--seed', '3', '-o', few])).exitCode).toBe(0);
    expect((await pipeline(`causal import fashion-mnist --dir ${FIXTURE} --batch-size 1024 | causal augment --rows 7 --seed 3 -o ${many}`)).exitCode).toBe(0);
    const a = read(few);
    const b = read(many);
    expect(a.numRows).toBe(8);
    expect(b.numRows).toBe(28);
    for (let i = 0; i < 8; i++) expect(imageBytes(a, i).equals(imageBytes(b, i))).toBe(true);
  });

  it('takes the view counts, --mask-prob and --no-flip, and streams a whole table', async () => {
    const out = path.join(dir, 'large.arrow');
    const r = await causal(['augment', train, '--views-large', '1', '--views-small', '0', '--mask-prob', '1', '--no-flip', '-o', out]);
    expect(r.exitCode).toBe(0);
    const t = read(out);
    expect(t.numRows).toBe(1000);
    expect(t.batches.length).toBeGreaterThan(1);
    expect(new Set(t.getChild('view_kind')!.toArray())).toEqual(new Set(['large']));
    expect(JSON.parse(t.schema.metadata.get('causal.params')!)).toMatchObject({ viewsLarge: 1, viewsSmall: 0, maskProb: 1, flip: false });
  });

  it('rejects a table without an image column with one line and no stack trace', async () => {
    const pairs = writePairs(path.join(dir, 'pairs.arrow'), [{ id: 'p1', x: [1, 2, 3], y: [2, 3, 4] }]);
    const r = await causal(['augment', pairs]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/pairs\.arrow: missing column 'image' \(expected FixedSizeList<Float32>/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects bad flags with a usage error naming the flag', async () => {
    const r = await causal(['augment', train, '--mask-prob', '1.5']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--mask-prob must be between 0 and 1, got 1\.5/);
  });
});
