import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Field, List, RecordBatchStreamWriter, Schema, Utf8, tableFromIPC, vectorFromArray, type FixedSizeList } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchOf, fixedListData, imageField, utf8Data } from '../../src/io/images.js';
import { rectangles } from '../vq/rectangles.js';
import { causal, pipeline, tempDir } from './helpers.js';

const SHAPE = { height: 32, width: 32, channels: 3 };
const ROWS = 64;
const K = 32;
const D = 8;
let dir: string;
let scenes: string;
let model: string;

/** A scene-like table: the image second, as in make-scenes, among columns that must pass through (one with nulls). */
function writeTable(file: string, shape: typeof SHAPE, rows: number, o: { image?: boolean } = {}): string {
  const image = imageField('image', shape);
  const captions = new Field('captions', new List(new Field('item', new Utf8(), true)), true);
  const fields = [new Field('id', new Utf8(), false), captions, new Field('split', new Utf8(), false), new Field('relation', new Utf8(), true)];
  const columns = [
    utf8Data(Array.from({ length: rows }, (_, i) => `scene-${i}`)),
    vectorFromArray(Array.from({ length: rows }, (_, i) => [`a red box ${i}`, 'a box']), captions.type).data[0],
    utf8Data(Array.from({ length: rows }, (_, i) => (i % 4 ? 'train' : 'test'))),
    vectorFromArray(Array.from({ length: rows }, (_, i) => (i % 3 ? null : 'left of')), new Utf8()).data[0],
  ];
  if (o.image !== false) {
    fields.splice(1, 0, image);
    columns.splice(1, 0, fixedListData(image, rectangles(rows, shape, 5), rows));
  }
  writeFileSync(file, RecordBatchStreamWriter.writeAll([batchOf(new Schema(fields), columns)]).toUint8Array(true));
  return file;
}

beforeAll(async () => {
  dir = tempDir('vq');
  scenes = writeTable(path.join(dir, 'scenes.arrow'), SHAPE, ROWS);
  model = path.join(dir, 'vq');
  const r = await causal(['train', '--task', 'vq', scenes, '--eval', scenes, '--steps', '6', '--batch-size', '16', '--vq-widths', '8,16', '--codebook-size', String(K), '--code-dim', String(D), '--seed', '1', '--threads', '1', '-o', model]);
  if (r.exitCode !== 0) throw new Error(`train --task vq failed: ${r.stderr}`);
}, 60_000);

describe('causal train --task vq and causal embed-images', () => {
  it('writes a tokenizer directory: encoder, decoder, codebook and a model card with the metrics', () => {
    const card = JSON.parse(readFileSync(path.join(model, 'model.json'), 'utf8'));
    expect(card.task).toBe('image-tokenizer');
    expect(card.architecture).toMatchObject({ input: SHAPE, codeDim: D, codebookSize: K, grid: { height: 8, width: 8 } });
    expect(card.training.stepsTaken).toBe(6);
    for (const part of ['train_set', 'eval']) {
      expect(card.metrics[part].mse).toBeGreaterThan(0);
      expect(card.metrics[part].codes_used).toBeGreaterThan(1);
      expect(card.metrics[part].perplexity).toBeGreaterThan(1);
    }
    expect(readFileSync(path.join(model, 'codebook.f32')).length).toBe(K * D * 4);
    expect(existsSync(path.join(model, 'decoder.onnx'))).toBe(true);
  });

  it('--resume on a finished run keeps the last epoch\'s training means in the card', async () => {
    const finished = path.join(dir, 'finished');
    cpSync(model, finished, { recursive: true });
    const r = await causal(['train', '--task', 'vq', scenes, '--steps', '6', '--batch-size', '16', '--vq-widths', '8,16', '--codebook-size', String(K), '--code-dim', String(D), '--seed', '1', '--threads', '1', '-o', finished, '--resume']);
    expect(r.exitCode, r.stderr).toBe(0);
    const card = JSON.parse(readFileSync(path.join(finished, 'model.json'), 'utf8'));
    const last = card.history.at(-1);
    expect(card.metrics.train).toEqual({ loss: last.loss, reconstruction: last.reconstruction, perplexity: last.perplexity, codes_used: last.codes_used });
  }, 60_000);

  it('appends tokens and their codebook vectors in a pipe, passing every column through, and plots reconstructions', async () => {
    const png = path.join(dir, 'reconstructions.png');
    const r = await pipeline(`cat ${scenes} | causal embed-images --model ${model} --plot ${png} | cat`, { encoding: 'buffer' });
    const stderr = Buffer.from(r.stderr as unknown as Uint8Array).toString();
    expect(r.exitCode, stderr).toBe(0);
    expect(stderr).toMatch(/embed-images: 64 images to 8x8 tokens of 8 values; \d+\/32 codes used/);
    const t = tableFromIPC(r.stdout as unknown as Uint8Array);
    const input = tableFromIPC(readFileSync(scenes));
    expect(t.schema.fields.map((f) => f.name)).toEqual(['id', 'image', 'captions', 'split', 'relation', 'tokens', 'embedding']);
    expect(t.numRows).toBe(ROWS);
    for (const name of ['id', 'split', 'relation']) expect(t.getChild(name)!.toArray()).toEqual(input.getChild(name)!.toArray());
    const pixels = (table: typeof t): Float32Array => table.getChild('image')!.data[0].children[0].values as Float32Array;
    expect(pixels(t)).toEqual(pixels(input));
    expect(t.getChild('relation')!.get(1)).toBeNull();
    expect(t.getChild('captions')!.get(3)!.toArray()).toEqual(['a red box 3', 'a box']);
    const tokensField = t.schema.fields.find((f) => f.name === 'tokens')!;
    const embeddingField = t.schema.fields.find((f) => f.name === 'embedding')!;
    expect(String(tokensField.type)).toBe('FixedSizeList[64]<Int32>');
    expect(String(embeddingField.type)).toBe(`FixedSizeList[${64 * D}]<Float32>`);
    for (const f of [tokensField, embeddingField]) {
      expect(Object.fromEntries(f.metadata)).toEqual({ grid_height: '8', grid_width: '8', code_dim: String(D), codebook_size: String(K) });
    }
    expect(t.schema.metadata.get('causal.stage')).toBe('embed-images');
    // The embedding is the codebook rows of the tokens, read straight from codebook.f32.
    const bytes = readFileSync(path.join(model, 'codebook.f32'));
    const codebook = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    const tokens = Array.from(t.getChild('tokens')!.data[0].children[0].values as Int32Array);
    const embedding = Array.from(t.getChild('embedding')!.data[0].children[0].values as Float32Array);
    expect(tokens.length).toBe(ROWS * 64);
    expect(tokens.every((k) => k >= 0 && k < K)).toBe(true);
    expect(embedding).toEqual(tokens.flatMap((k) => Array.from(codebook.subarray(k * D, (k + 1) * D))));
    expect((t.getChild('tokens')!.type as FixedSizeList).listSize).toBe(64);
    // 16 rows of an original and its reconstruction: PNG width covers 2 cells.
    const head = readFileSync(png);
    expect(head.subarray(1, 4).toString()).toBe('PNG');
    expect(head.readUInt32BE(16)).toBe(2 + 2 * (32 * 2 + 2) + 6);
    expect(head.readUInt32BE(20)).toBe(2 + 16 * (32 * 2 + 2));
  });

  it('replaces tokens and embedding columns already in the input, giving the same values', async () => {
    const once = path.join(dir, 'once.arrow');
    const r = await pipeline(`causal embed-images --model ${model} ${scenes} -o ${once} && causal embed-images --model ${model} < ${once}`, { encoding: 'buffer' });
    expect(r.exitCode, Buffer.from(r.stderr as unknown as Uint8Array).toString()).toBe(0);
    const twice = tableFromIPC(r.stdout as unknown as Uint8Array);
    expect(twice.schema.fields.map((f) => f.name)).toEqual(['id', 'image', 'captions', 'split', 'relation', 'tokens', 'embedding']);
    expect(twice.getChild('tokens')!.data[0].children[0].values).toEqual(tableFromIPC(readFileSync(once)).getChild('tokens')!.data[0].children[0].values);
  });

  it('rejects bad input and misplaced flags with one line', async () => {
    const small = writeTable(path.join(dir, 'small.arrow'), { height: 16, width: 16, channels: 3 }, 4);
    const noImage = writeTable(path.join(dir, 'no-image.arrow'), SHAPE, 4, { image: false });
    const cases: [string[], number, RegExp][] = [
      [['embed-images', '--model', model, small], 1, /small.arrow: images are 16x16x3 but the tokenizer in .* takes 32x32x3/],
      [['embed-images', '--model', model, noImage], 1, /no-image.arrow: missing column 'image'/],
      [['embed-images', '--model', dir, scenes], 2, /not a model directory/],
      [['train', '--task', 'vq', scenes, '--model', 'cnn', '-o', path.join(dir, 'bad')], 2, /--model does not apply to --task vq/],
      [['train', scenes, '--model', 'cnn', '--codebook-size', '64', '-o', path.join(dir, 'bad')], 2, /--codebook-size applies to --task vq/],
      [['train', '--task', 'vq', scenes, '--vq-widths', '8,16,32', '-o', path.join(dir, 'bad')], 2, /--vq-widths takes two channel counts/],
    ];
    for (const [args, code, message] of cases) {
      const r = await causal(args);
      expect(r.exitCode, args.join(' ')).toBe(code);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
