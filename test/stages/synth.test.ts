import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineCaptionBackend } from '../../src/captions/offline.js';
import { openArrowInput } from '../../src/io/arrow-input.js';
import { generateCaptions } from '../../src/stages/generate-captions.js';
import { type SynthRoute, synthEmbeddings } from '../../src/stages/synth-embeddings.js';
import { type SynthOptions, synth } from '../../src/stages/synth.js';
import type { Tokenizer } from '../../src/stages/tokenizer-session.js';
import { collect, fakeGenerator, flat, strings, tinyTokenizer } from './synth-fixtures.js';

let tok: Tokenizer & { dir: string };
const CONCEPTS = ['red', 'blue square', 'left of', 'two objects', 'small'];
const SEED = 4;
const SAMPLE = { steps: 4, temperature: 1, guidance: 2, seed: SEED };
const CAPTIONS = { concepts: CONCEPTS, balance: 'uniform' as const, zipfS: 1, dedup: true, maxAttempts: 10, maxWords: 20, concurrency: 4 };

beforeAll(async () => {
  tok = await tinyTokenizer();
}, 60_000);
afterAll(async () => {
  await tok?.release();
});

function options(route: SynthRoute, count: number, batchSize: number): SynthOptions {
  return {
    route,
    compareRoutes: false,
    sample: SAMPLE,
    batchSize,
    names: { model: 't2i', tokenizer: tok.dir },
    provenance: { stage: 'synth', seed: SEED },
    captions: { ...CAPTIONS, count },
  };
}

const backend = (): OfflineCaptionBackend => new OfflineCaptionBackend({ seed: SEED, allowHeldout: true });

describe('synth (stage)', () => {
  it('gives the rows of generate-captions | synth-embeddings with the same seed, in batches of --batch-size', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'causal-synth-')), 'captions.arrow');
    await generateCaptions(backend(), { ...CAPTIONS, count: 30, seed: SEED, output: file, flushEvery: 100, resume: false, generationParams: {}, runParams: {} });
    for (const route of ['embedding', 'oracle'] as const) {
      const r = synth(backend(), tok, route === 'oracle' ? null : fakeGenerator(), options(route, 30, 8));
      const { table, sizes } = await collect(r.batches);
      expect(sizes).toEqual([8, 8, 8, 6]);
      const two = synthEmbeddings(await openArrowInput(file), tok, route === 'oracle' ? null : fakeGenerator(), { ...options(route, 30, 64), captionColumn: 'caption' });
      const expected = (await collect(two.batches)).table;
      expect(r.schema.fields.map((f) => f.name)).toEqual(two.schema.fields.map((f) => f.name));
      for (const name of ['id', 'caption', 'concept', 'relation']) expect(strings(table, name)).toEqual(strings(expected, name));
      for (const name of ['tokens', 'embedding']) expect(flat(table, name)).toEqual(flat(expected, name));
      expect(JSON.stringify(table.getChild('shapes')!.toArray())).toBe(JSON.stringify(expected.getChild('shapes')!.toArray()));
      const m = r.captionMetrics();
      expect(m.rows).toBe(30);
      expect(m.distinct_captions).toBe(30);
      expect(m.concept_balance).toBeCloseTo(1, 12);
      expect(m.requests).toBe(30 + m.rejections.duplicate);
    }
  });

  it('streams: the first batch comes before most captions are asked for', async () => {
    const b = backend();
    const r = synth(b, tok, fakeGenerator(), options('embedding', 400, 8));
    const first = await r.batches.next();
    expect(first.value!.numRows).toBe(8);
    expect(b.counters().requests).toBeLessThan(40);
    await r.batches.return(undefined);
  });
});
