/**
 * Can the generator learn at all: token grids that are a function of the caption (test/t2i/toy.ts), trained briefly
 * and then sampled from captions by MaskGIT decoding. Also checks, on the trained model, that sampling depends on
 * the seed and each row's id only, not on the batch.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { openGenerator, SAMPLE_DEFAULTS, type Generator } from '../../src/stages/generator-session.js';
import { trainT2i, type T2iModelCard } from '../../src/stages/train-t2i.js';
import { toInput, toyCaption, toyGrid, toyTable } from './toy.js';

let card: T2iModelCard;
let gen: Generator;
const rng = new Rng(77);
const rows = Array.from({ length: 24 }, (_, i) => ({ id: `q${i}`, caption: toyCaption(rng) }));

beforeAll(async () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'causal-t2i-learn-')), 'model');
  card = await trainT2i({
    input: toInput(toyTable({ rows: 512, seed: 1 })),
    dir,
    resume: false,
    flags: { dModel: 32, heads: 2, layers: 2, captionLayers: 1, dropout: 0, lr: 3e-3, warmup: 20, batchSize: 32, steps: 250, seed: 2 },
    run: { device: 'cpu', threads: 1 },
    log: () => {},
    progress: () => {},
  });
  gen = await openGenerator(dir, { threads: 1, batchSize: 8 });
  return () => gen.release();
}, 60_000);

describe('generator learnability', () => {
  it('predicts masked tokens, and sampled grids match the captions', async () => {
    // chance is 1/8 per masked token; given the caption each token is determined
    expect(card.metrics.train.accuracy).toBeGreaterThan(0.9);
    const grids = await gen.sample(rows, SAMPLE_DEFAULTS);
    let right = 0;
    rows.forEach((r, i) => {
      const want = toyGrid(r.caption);
      for (let p = 0; p < 16; p++) right += grids[i * 16 + p] === want[p] ? 1 : 0;
    });
    expect(right / (rows.length * 16)).toBeGreaterThan(0.9);
  });

  it('samples the same grids whatever the batch, the order or the batch size; another seed changes them', async () => {
    const o = { ...SAMPLE_DEFAULTS, seed: 5, guidance: 0.5, temperature: 3 };
    const all = await gen.sample(rows, o);
    const reversed = await gen.sample([...rows].reverse(), o);
    const alone = await gen.sample([rows[13]], o);
    for (let i = 0; i < rows.length; i++) {
      expect(Array.from(reversed.subarray((rows.length - 1 - i) * 16, (rows.length - i) * 16))).toEqual(Array.from(all.subarray(i * 16, (i + 1) * 16)));
    }
    expect(Array.from(alone)).toEqual(Array.from(all.subarray(13 * 16, 14 * 16)));
    const other = await gen.sample(rows, { ...o, seed: 6 });
    expect(Array.from(other)).not.toEqual(Array.from(all));
  });
});
