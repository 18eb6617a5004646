/**
 * Fixtures of the synth stage tests: a tiny tokenizer trained on scene images (32x32x3, an 8x8 grid of 16 codes),
 * a fake generator (seeded tokens per (seed, id, caption), its calls recorded), and caption tables.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RecordBatch, Schema, Table } from 'apache-arrow';
import { rngFor } from '../../src/common/random.js';
import type { CaptionRow } from '../../src/captions/generate.js';
import type { ArrowInput } from '../../src/io/arrow-input.js';
import { batchOf, fixedListData, imageField } from '../../src/io/images.js';
import { type Scene, describeScene, sceneAt } from '../../src/scenes/index.js';
import { CAPTION_FIELDS, captionBatch } from '../../src/stages/generate-captions.js';
import type { Generator, SampleOptions } from '../../src/stages/generator-session.js';
import { type Tokenizer, openTokenizer } from '../../src/stages/tokenizer-session.js';
import { trainVq } from '../../src/stages/train-vq.js';

export const SHAPE = { height: 32, width: 32, channels: 3 };

/** A tokenizer of scene images after a few steps: poor reconstructions, but real encoder, decoder and codebook graphs. */
export async function tinyTokenizer(): Promise<Tokenizer & { dir: string }> {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'causal-synth-vq-')), 'vq');
  const rows = Array.from({ length: 32 }, (_, i) => sceneAt('train', 0, i).image);
  const images = new Float32Array(rows.length * rows[0].length);
  rows.forEach((r, i) => images.set(r, i * r.length));
  const field = imageField('image', SHAPE);
  const schema = new Schema([field]);
  const input: ArrowInput = { name: 'scenes', schema, batches: (async function* () { yield batchOf(schema, [fixedListData(field, images, rows.length)]); })() };
  await trainVq({
    input,
    dir,
    resume: false,
    flags: { widths: [8, 16], codeDim: 4, codebookSize: 16, batchSize: 16, seed: 1, steps: 6, lr: 3e-3 },
    run: { device: 'cpu', threads: 1 },
    log: () => {},
    progress: () => {},
  });
  return Object.assign(await openTokenizer(dir, { threads: 1 }), { dir });
}

export interface FakeGenerator extends Generator {
  readonly calls: { ids: string[]; options: SampleOptions }[];
}

/** Tokens from rngFor(seed, id + caption): like the real generator, a row's tokens depend on nothing else. */
export function fakeGenerator(grid = { height: 8, width: 8 }, codebookSize = 16): FakeGenerator {
  const calls: FakeGenerator['calls'] = [];
  const cells = grid.height * grid.width;
  return {
    grid,
    codebookSize,
    card: {} as Generator['card'],
    calls,
    async sample(rows, options) {
      calls.push({ ids: rows.map((r) => r.id), options });
      const out = new Int32Array(rows.length * cells);
      rows.forEach((r, i) => {
        const rng = rngFor(options.seed + options.steps, `${r.id} ${r.caption}`);
        for (let k = 0; k < cells; k++) out[i * cells + k] = rng.int(codebookSize);
      });
      return out;
    },
    async release() {},
  };
}

/** Caption rows of the offline backend's kind: the scene of each, except rows listed in `bare` (an LLM's, no scene). */
export function captionRows(n: number, seed: number, bare: readonly number[] = []): CaptionRow[] {
  return Array.from({ length: n }, (_, index) => {
    const scene: Scene = sceneAt('test', seed, index).scene;
    const caption = describeScene(scene, rngFor(seed, `caption ${index}`));
    return { index, concept: 'any', caption, scene: bare.includes(index) ? null : scene };
  });
}

/** The caption table of `rows`, cut into record batches of the given sizes; `pulled` counts the batches read so far. */
export function captionInput(rows: readonly CaptionRow[], sizes: readonly number[], name = 'captions'): ArrowInput & { pulled: () => number } {
  let pulled = 0;
  const batches: RecordBatch[] = [];
  let start = 0;
  for (const size of sizes) {
    batches.push(captionBatch(rows.slice(start, start + size), new Map()));
    start += size;
  }
  return {
    name,
    schema: new Schema(CAPTION_FIELDS),
    batches: (async function* () {
      for (const b of batches) {
        pulled++;
        yield b;
      }
    })(),
    pulled: () => pulled,
  };
}

export async function collect(batches: AsyncIterable<RecordBatch>): Promise<{ table: Table; sizes: number[] }> {
  const all: RecordBatch[] = [];
  for await (const b of batches) all.push(b);
  return { table: new Table(all), sizes: all.map((b) => b.numRows) };
}

/** A FixedSizeList column as one flat array. */
export function flat(table: Table, column: string): number[] {
  const v = table.getChild(column)!;
  const out: number[] = [];
  for (let i = 0; i < v.length; i++) out.push(...(v.get(i)!.toArray() as ArrayLike<number>));
  return out;
}

export function strings(table: Table, column: string): string[] {
  return table.getChild(column)!.toArray() as string[];
}
