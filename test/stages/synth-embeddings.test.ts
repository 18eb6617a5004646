import { Field, FixedSizeList, Schema, Utf8 } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTH_OPTIONS } from '../../src/commands/synth-embeddings.js';
import { rngFor } from '../../src/common/random.js';
import { batchOf, utf8Data } from '../../src/io/images.js';
import { parseCaption, renderScene } from '../../src/scenes/index.js';
import { SAMPLE_DEFAULTS } from '../../src/stages/generator-session.js';
import { type SynthEmbeddingsOptions, type SynthRoute, synthEmbeddings } from '../../src/stages/synth-embeddings.js';
import type { Tokenizer } from '../../src/stages/tokenizer-session.js';
import { captionInput, captionRows, collect, fakeGenerator, flat, strings, tinyTokenizer } from './synth-fixtures.js';

let tok: Tokenizer & { dir: string };
const CELLS = 64;
const ROWS = captionRows(23, 5, [3, 11]);
/** Rows 3 and 11 carry no scene (as a language model's would), so the oracle parses their captions. */
const SAMPLE = { steps: 4, temperature: 1, guidance: 2, seed: 7 };

beforeAll(async () => {
  tok = await tinyTokenizer();
}, 60_000);
afterAll(async () => {
  await tok?.release();
});

function options(route: SynthRoute, o: Partial<SynthEmbeddingsOptions> = {}): SynthEmbeddingsOptions {
  return {
    route,
    compareRoutes: false,
    sample: SAMPLE,
    batchSize: 4,
    captionColumn: 'caption',
    names: { model: 't2i', tokenizer: tok.dir },
    provenance: { stage: 'synth-embeddings', seed: SAMPLE.seed, params: { route } },
    ...o,
  };
}

async function run(route: SynthRoute, o: Partial<SynthEmbeddingsOptions> = {}, sizes = [10, 13]) {
  const gen = fakeGenerator();
  const r = synthEmbeddings(captionInput(ROWS, sizes), tok, route === 'oracle' ? null : gen, options(route, o));
  const out = await collect(r.batches);
  return { ...out, gen, run: r };
}

/** The fake generator's tokens for all rows, computed apart from the stage. */
async function generatorTokens(seed = SAMPLE.seed): Promise<Int32Array> {
  const ids = ROWS.map((r) => `cap-${String(r.index).padStart(6, '0')}`);
  return fakeGenerator().sample(ids.map((id, i) => ({ id, caption: ROWS[i].caption })), { ...SAMPLE, seed });
}

describe('synth-embeddings (stage)', () => {
  it('writes the image-token table of embed-images: every input column, tokens and embedding with their metadata', async () => {
    const { table, run: r } = await run('embedding');
    const names = r.schema.fields.map((f) => f.name);
    expect(names).toEqual(['id', 'caption', 'concept', 'shapes', 'colors', 'sizes', 'cells', 'relation', 'tokens', 'embedding']);
    for (const name of ['tokens', 'embedding']) {
      const f = r.schema.fields.find((x) => x.name === name)!;
      expect(Object.fromEntries(f.metadata)).toEqual({ grid_height: '8', grid_width: '8', code_dim: '4', codebook_size: '16' });
      expect((f.type as FixedSizeList).listSize).toBe(name === 'tokens' ? CELLS : CELLS * 4);
    }
    expect(r.schema.metadata.get('causal.stage')).toBe('synth-embeddings');
    expect(table.numRows).toBe(23);
    expect(strings(table, 'caption')).toEqual(ROWS.map((x) => x.caption));
    expect(table.getChild('shapes')!.get(3)).toBeNull();
    expect([...table.getChild('shapes')!.get(4)!]).toEqual(ROWS[4].scene!.objects.map((o) => o.shape));
  });

  it('embedding route: the generator tokens and their codebook vectors (lookup), no decoder or encoder', async () => {
    const { table, run: r } = await run('embedding');
    const tokens = await generatorTokens();
    expect(flat(table, 'tokens')).toEqual([...tokens]);
    const codebook = tok.codebook;
    const expected: number[] = [];
    for (const t of tokens) expected.push(...codebook.subarray(t * 4, t * 4 + 4));
    expect(flat(table, 'embedding')).toEqual(expected);
    const t = r.timings();
    expect(t.seconds.decode).toBe(0);
    expect(t.seconds.encode).toBe(0);
    expect(t.seconds.sample).toBeGreaterThan(0);
    expect(t.compare).toBeUndefined();
    expect(r.summary().rows).toBe(23);
  });

  it('pixel route: decode -> encode of the generator tokens, with the decoded images appended', async () => {
    const { table } = await run('pixels');
    const tokens = await generatorTokens();
    const images = await tok.decode(tokens, 23);
    const again = await tok.encode(images, 23);
    expect(flat(table, 'tokens')).toEqual([...again.tokens]);
    expect(flat(table, 'embedding')).toEqual([...again.embeddings]);
    expect(flat(table, 'embedding')).toEqual([...tok.lookup(again.tokens)]);
    expect(flat(table, 'image')).toEqual([...images]);
    const image = table.schema.fields.find((f) => f.name === 'image')!;
    expect(Object.fromEntries(image.metadata)).toEqual({ height: '32', width: '32', channels: '3' });
  });

  it('oracle route: encode(render(true scene)), the attribute columns first, the parsed caption where they are null', async () => {
    const { table, gen } = await run('oracle');
    expect(gen.calls).toHaveLength(0);
    const ids = strings(table, 'id');
    const images = new Float32Array(23 * 32 * 32 * 3);
    ROWS.forEach((row, i) => {
      const scene = row.scene ?? parseCaption(row.caption)!;
      images.set(renderScene(scene, rngFor(SAMPLE.seed, ids[i])), i * 32 * 32 * 3);
    });
    const { tokens, embeddings } = await tok.encode(images, 23);
    expect(flat(table, 'tokens')).toEqual([...tokens]);
    expect(flat(table, 'embedding')).toEqual([...embeddings]);
    expect(flat(table, 'image')).toEqual([...images]);
    // The attribute columns win over the caption: row 0's scene is its own, not the parser's canonical layout.
    const parsed = renderScene(parseCaption(ROWS[0].caption)!, rngFor(SAMPLE.seed, ids[0]));
    expect(flat(table, 'image').slice(0, 3072)).not.toEqual([...parsed]);
  });

  it('oracle route: a caption outside the grammar without attributes is an error naming the row', async () => {
    const rows = captionRows(6, 5, [2]).map((r, i) => (i === 2 ? { ...r, caption: 'a photo of a dog' } : r));
    const r = synthEmbeddings(captionInput(rows, [6]), tok, null, options('oracle'));
    await expect(collect(r.batches)).rejects.toThrow(/captions: --oracle cannot render row 'cap-000002': its caption 'a photo of a dog' is outside the scene grammar/);
  });

  it('streams: one batch per slice of --batch-size, input read only as output is taken', async () => {
    const gen = fakeGenerator();
    const input = captionInput(ROWS, [10, 13]);
    const r = synthEmbeddings(input, tok, gen, options('embedding', { batchSize: 4 }));
    const first = await r.batches.next();
    expect(first.value!.numRows).toBe(4);
    expect(input.pulled()).toBe(1);
    const rest = await collect(r.batches);
    expect(rest.sizes).toEqual([4, 2, 4, 4, 4, 1]);
    expect(input.pulled()).toBe(2);
    // one warm-up call of one row, then one call per slice
    expect(gen.calls.map((c) => c.ids.length)).toEqual([1, 4, 4, 2, 4, 4, 4, 1]);
  });

  it('is deterministic by seed and independent of the batch size and record batches', async () => {
    for (const route of ['embedding', 'pixels', 'oracle'] as const) {
      const a = await run(route, { batchSize: 3 }, [23]);
      const b = await run(route, { batchSize: 50 }, [7, 1, 15]);
      expect(a.sizes).toHaveLength(8);
      expect(b.sizes).toEqual([7, 1, 15]);
      expect(flat(b.table, 'tokens')).toEqual(flat(a.table, 'tokens'));
      expect(flat(b.table, 'embedding')).toEqual(flat(a.table, 'embedding'));
      const c = await run(route, { sample: { ...SAMPLE, seed: 8 } });
      expect(flat(c.table, route === 'oracle' ? 'image' : 'tokens')).not.toEqual(flat(a.table, route === 'oracle' ? 'image' : 'tokens'));
    }
  });

  it('--compare-routes: writes the embedding route, times the pixel route on the same tokens', async () => {
    const plain = await run('embedding');
    const { table, run: r } = await run('embedding', { compareRoutes: true });
    expect(flat(table, 'tokens')).toEqual(flat(plain.table, 'tokens'));
    expect(flat(table, 'embedding')).toEqual(flat(plain.table, 'embedding'));
    const t = r.timings();
    const s = t.seconds;
    expect(s.decode).toBeGreaterThan(0);
    expect(s.encode).toBeGreaterThan(0);
    expect(t.compare!.t_embed).toBeCloseTo(s.sample + s.lookup, 12);
    expect(t.compare!.t_pixel).toBeCloseTo(s.sample + s.decode + s.encode, 12);
    expect(t.compare!.ratio).toBeCloseTo(t.compare!.t_pixel / t.compare!.t_embed, 12);
    expect(t.compare!.ratio_without_sampling).toBeCloseTo((s.decode + s.encode) / s.lookup, 12);
    // the round trip's agreement, computed apart
    const tokens = await generatorTokens();
    const again = (await tok.encode(await tok.decode(tokens, 23), 23)).tokens;
    expect(t.token_agreement).toBeCloseTo(tokens.filter((v, i) => v === again[i]).length / tokens.length, 12);
    expect(s.total).toBeGreaterThanOrEqual(s.sample + s.lookup + s.decode + s.encode);
    // six batches: each phase's median batch lies within its total
    for (const p of ['sample', 'lookup', 'decode', 'encode'] as const) {
      expect(t.median_batch_seconds[p]).toBeGreaterThan(0);
      expect(t.median_batch_seconds[p]).toBeLessThan(s[p]);
    }
    expect(t.compare!.median_batch_ratio).toBeGreaterThan(1);
  });

  it('a table without ids gets row ids, first; another caption column by name', async () => {
    const schema = new Schema([new Field('text', new Utf8(), false)]);
    const captions = ROWS.slice(0, 5).map((r) => r.caption);
    const input = { name: 'texts', schema, batches: (async function* () { yield batchOf(schema, [utf8Data(captions)]); })() };
    const gen = fakeGenerator();
    const r = synthEmbeddings(input, tok, gen, options('embedding', { captionColumn: 'text' }));
    const { table } = await collect(r.batches);
    expect(r.schema.fields.map((f) => f.name)).toEqual(['id', 'text', 'tokens', 'embedding']);
    expect(strings(table, 'id')).toEqual(['row-000000', 'row-000001', 'row-000002', 'row-000003', 'row-000004']);
    expect(strings(table, 'text')).toEqual(captions);
  });

  it('refuses a generator of another grid or codebook, a missing caption column and the oracle with a tokenizer of another size', () => {
    const input = () => captionInput(ROWS, [23]);
    expect(() => synthEmbeddings(input(), tok, fakeGenerator({ height: 4, width: 4 }), options('embedding'))).toThrow(
      /^--tokenizer .*vq: its tokens are 8x8 of 16 codes, but the generator t2i writes 4x4 of 16; give the tokenizer the generator was trained with$/,
    );
    expect(() => synthEmbeddings(input(), tok, fakeGenerator(undefined, 32), options('pixels'))).toThrow(/8x8 of 16 codes, but the generator t2i writes 8x8 of 32/);
    expect(() => synthEmbeddings(input(), tok, fakeGenerator(), options('embedding', { captionColumn: 'text' }))).toThrow(/captions: missing column 'text' \(expected Utf8/);
    const small = { ...tok, imageShape: { height: 16, width: 16, channels: 3 } };
    expect(() => synthEmbeddings(input(), small, null, options('oracle'))).toThrow(/--oracle renders 32x32x3 scenes, but the tokenizer in .* takes 16x16x3 images/);
    expect(() => synthEmbeddings(input(), tok, null, options('embedding'))).toThrow(/needs a generator/);
    expect(() => synthEmbeddings(input(), tok, null, options('oracle', { compareRoutes: true }))).toThrow(/does not apply to --oracle/);
  });

  it('the sampling flags\' help states the generator\'s SAMPLE_DEFAULTS', () => {
    for (const key of ['steps', 'temperature', 'guidance'] as const) {
      const option = SYNTH_OPTIONS.find((x) => x.flags.startsWith(`--${key} `))!;
      expect(option.description).toContain(`(default: ${SAMPLE_DEFAULTS[key]})`);
    }
  });
});
