/**
 * `causal synth-embeddings`: captions in, image embeddings out, in exactly the image-token table that
 * `causal embed-images` writes for real images (docs/synth.md), so `train-vlm` reads synthetic and real rows alike.
 *
 * Three routes from a caption to its row (method note §3.3, §6.3):
 *   embedding  generator tokens -> codebook vectors (tokenizer.lookup): no decoder, no encoder (Synth²'s route)
 *   pixels     generator tokens -> decoder -> pixels -> encoder -> re-quantised tokens and their vectors
 *   oracle     the caption's true scene -> renderer -> pixels -> encoder (no generator: an upper bound)
 * The input streams through in slices of `batchSize` rows, one output record batch per slice. Row i's randomness
 * comes from (seed, id) alone, so the output does not depend on the batch size. The seconds each route spends in
 * sampling, decoding, encoding, lookup and rendering are measured per call (`timings()`).
 */
import { Field, RecordBatch, Schema, Utf8, type Data } from 'apache-arrow';
import { DataError, UsageError } from '../common/errors.js';
import { rngFor } from '../common/random.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { type Provenance, provenanceMetadata } from '../io/batch.js';
import { UTF8, optionalColumn, requireColumn } from '../io/columns.js';
import { batchOf, fixedListData, imageField, utf8Data } from '../io/images.js';
import { EMBEDDING_COLUMN, TOKENS_COLUMN } from '../io/token-table.js';
import { ATTRIBUTE_COLUMNS, SCENE_IMAGE_SHAPE, type Scene, parseCaption, renderScene, sceneOfRow } from '../scenes/index.js';
import { countTokens, usageOf, type CodeUsage } from '../vq/usage.js';
import { IMAGE_COLUMN, tokenData, tokenFields } from './embed-images.js';
import type { Generator, SampleOptions } from './generator-session.js';
import type { Tokenizer } from './tokenizer-session.js';

export const SYNTH_ROUTES = ['embedding', 'pixels', 'oracle'] as const;
export type SynthRoute = (typeof SYNTH_ROUTES)[number];

/** The phases a route's time is split into; `read` is waiting for input rows (caption generation, in `causal synth`). */
export const PHASES = ['read', 'sample', 'render', 'lookup', 'decode', 'encode', 'assemble'] as const;
export type Phase = (typeof PHASES)[number];

export interface SynthEmbeddingsOptions {
  readonly route: SynthRoute;
  /** Also run the other of the embedding and pixel routes on the same generator tokens, timed and discarded. */
  readonly compareRoutes: boolean;
  /** Generator sampling; `seed` also seeds the oracle's renders. */
  readonly sample: SampleOptions;
  /** Rows per generator, decoder and encoder call, and per output record batch. */
  readonly batchSize: number;
  readonly captionColumn: string;
  /** How the generator and tokenizer are named in messages (their directories). */
  readonly names: { readonly model?: string; readonly tokenizer: string };
  readonly provenance: Provenance;
  /** Called after each output batch with the rows so far. */
  readonly onRows?: (rows: number) => void;
}

/** Where the time went, for `--timing-json` and the log. */
export interface SynthTimings {
  readonly route: SynthRoute;
  readonly rows: number;
  readonly batches: number;
  readonly batch_size: number;
  /** The untimed first run of every graph the route uses (not in `seconds`). */
  readonly warmup_seconds: number;
  /** Seconds per phase, summed over batches; `total` is every second the stage worked (not waiting for its reader). */
  readonly seconds: Readonly<Record<Phase | 'total', number>>;
  /** The median over output batches of each phase's seconds (`read` is not per batch): robust to a busy machine. */
  readonly median_batch_seconds: Readonly<Record<Exclude<Phase, 'read'>, number>>;
  /**
   * With --compare-routes: t_embed = sample + lookup and t_pixel = sample + decode + encode, on the same generator
   * tokens, and their ratio with and without the sampling both routes share.
   */
  readonly compare?: {
    readonly t_embed: number;
    readonly t_pixel: number;
    readonly ratio: number;
    readonly t_embed_without_sampling: number;
    readonly t_pixel_without_sampling: number;
    readonly ratio_without_sampling: number;
    /** The medians over batches of each batch's ratio, with and without sampling. */
    readonly median_batch_ratio: number;
    readonly median_batch_ratio_without_sampling: number;
  };
  /** Pixel route (or --compare-routes): share of tokens the decode -> encode round trip leaves unchanged. */
  readonly token_agreement?: number;
}

export interface SynthRun {
  readonly schema: Schema;
  /** Read lazily: one output batch per slice of at most `batchSize` input rows. */
  readonly batches: AsyncGenerator<RecordBatch>;
  /** Rows and the output tokens' codebook use so far. */
  summary(): { rows: number } & CodeUsage;
  timings(): SynthTimings;
}

/** Row ids made up for an input without an `id` column: the row's index, so they do not depend on batching. */
export function rowId(index: number): string {
  return `row-${String(index).padStart(6, '0')}`;
}

/** A one-line error unless the generator writes the tokenizer's grid and codebook. */
export function checkCompatible(gen: Generator, tok: Tokenizer, names: { model?: string; tokenizer: string }): void {
  const g = gen.grid;
  const t = tok.grid;
  if (g.height !== t.height || g.width !== t.width || gen.codebookSize !== tok.codebookSize) {
    throw new UsageError(
      `--tokenizer ${names.tokenizer}: its tokens are ${t.height}x${t.width} of ${tok.codebookSize} codes, but the generator${named(names.model)} ` +
        `writes ${g.height}x${g.width} of ${gen.codebookSize}; give the tokenizer the generator was trained with`,
    );
  }
}

export function synthEmbeddings(input: ArrowInput, tok: Tokenizer, gen: Generator | null, o: SynthEmbeddingsOptions): SynthRun {
  const { name, schema: inputSchema } = input;
  const oracle = o.route === 'oracle';
  if (oracle && o.compareRoutes) throw new UsageError('--compare-routes times the embedding and pixel routes of a generator; it does not apply to --oracle');
  if (!oracle && !gen) throw new UsageError(`the ${o.route} route needs a generator (--model)`);
  if (gen) checkCompatible(gen, tok, o.names);
  if (oracle) checkSceneShape(tok, o.names.tokenizer);
  requireColumn(name, inputSchema, o.captionColumn, UTF8);
  const hasId = optionalColumn(name, inputSchema, 'id', UTF8) !== undefined;
  const hasAttributes = oracle && ATTRIBUTE_COLUMNS.some((c) => inputSchema.fields.some((f) => f.name === c));

  const fields = tokenFields(tok);
  const writesImage = o.route !== 'embedding';
  const replaced = new Set([TOKENS_COLUMN, EMBEDDING_COLUMN, ...(writesImage ? [IMAGE_COLUMN] : [])]);
  const kept = inputSchema.fields.map((f, i) => [f, i] as const).filter(([f]) => !replaced.has(f.name));
  const imageOut = writesImage ? [imageField(IMAGE_COLUMN, tok.imageShape)] : [];
  const idOut = hasId ? [] : [new Field('id', new Utf8(), false)];
  const schema = new Schema([...idOut, ...kept.map(([f]) => f), fields.tokensField, fields.embeddingField, ...imageOut], provenanceMetadata(o.provenance));

  const cells = tok.grid.height * tok.grid.width;
  const counts = new Float64Array(tok.codebookSize);
  const seconds = Object.fromEntries([...PHASES, 'total'].map((p) => [p, 0])) as Record<Phase | 'total', number>;
  const zero = (): Record<Phase, number> => Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
  /** Each output batch's seconds per phase. */
  const perBatch: Record<Phase, number>[] = [];
  let current = zero();
  const agreement = { same: 0, all: 0 };
  let rows = 0;
  let batches = 0;
  let warm = false;
  let warmupSeconds = 0;

  const timed = async <T>(phase: Phase, f: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    try {
      return await f();
    } finally {
      const d = (performance.now() - start) / 1000;
      seconds[phase] += d;
      current[phase] += d;
    }
  };

  /**
   * Runs every graph the routes use once on one row before anything is timed: the first run of an ONNX session
   * (and the decoder's session, created on its first use) would otherwise be charged to the first batch.
   */
  async function warmUp(row: { id: string; caption: string }): Promise<void> {
    warm = true;
    if (oracle) {
      await tok.encode(new Float32Array(SCENE_IMAGE_SHAPE.height * SCENE_IMAGE_SHAPE.width * SCENE_IMAGE_SHAPE.channels), 1);
      return;
    }
    const tokens = await gen!.sample([row], o.sample);
    if (o.route === 'pixels' || o.compareRoutes) await tok.encode(await tok.decode(tokens, 1), 1);
  }

  /** The tokens, their code vectors and (pixel and oracle routes) the images of one slice of captions. */
  async function synthesise(slice: RecordBatch, ids: string[], captions: string[]): Promise<{ tokens: Int32Array; embeddings: Float32Array; images?: Float32Array }> {
    const n = ids.length;
    if (oracle) {
      const size = SCENE_IMAGE_SHAPE.height * SCENE_IMAGE_SHAPE.width * SCENE_IMAGE_SHAPE.channels;
      const images = await timed('render', () => {
        const out = new Float32Array(n * size);
        for (let i = 0; i < n; i++) out.set(renderScene(sceneOf(slice, i, ids[i], captions[i]), rngFor(o.sample.seed, ids[i])), i * size);
        return out;
      });
      const { tokens, embeddings } = await timed('encode', () => tok.encode(images, n));
      return { tokens, embeddings, images };
    }
    const generated = await timed('sample', () => gen!.sample(ids.map((id, i) => ({ id, caption: captions[i] })), o.sample));
    if (generated.length !== n * cells) throw new DataError(`generator${named(o.names.model)}: ${generated.length} tokens for ${n} captions, expected ${n * cells}`);
    let embedded: Float32Array | null = null;
    if (o.route === 'embedding' || o.compareRoutes) embedded = await timed('lookup', () => tok.lookup(generated));
    if (o.route === 'embedding' && !o.compareRoutes) return { tokens: generated, embeddings: embedded! };
    const images = await timed('decode', () => tok.decode(generated, n));
    const requantised = await timed('encode', () => tok.encode(images, n));
    for (let i = 0; i < generated.length; i++) agreement.same += generated[i] === requantised.tokens[i] ? 1 : 0;
    agreement.all += generated.length;
    return o.route === 'embedding' ? { tokens: generated, embeddings: embedded! } : { ...requantised, images };
  }

  /** The scene a caption stands for: the row's attribute columns when it has them, else the caption parsed. */
  function sceneOf(slice: RecordBatch, i: number, id: string, caption: string): Scene {
    const scene = (hasAttributes ? sceneOfRow(slice, i, name) : null) ?? parseCaption(caption);
    if (!scene) throw new DataError(`${name}: --oracle cannot render row '${id}': its caption '${caption}' is outside the scene grammar and the row has no scene attributes`);
    return scene;
  }

  async function* produce(): AsyncGenerator<RecordBatch> {
    const source = input.batches[Symbol.asyncIterator]();
    for (;;) {
      const waited = seconds.read;
      const next = await timed('read', () => source.next());
      seconds.total += seconds.read - waited;
      if (next.done) break;
      const batch = next.value;
      for (let start = 0; start < batch.numRows; start += o.batchSize) {
        const began = performance.now();
        current = zero();
        const slice = batch.slice(start, Math.min(batch.numRows, start + o.batchSize));
        const n = slice.numRows;
        const ids = Array.from({ length: n }, (_, i) => (hasId ? cellString(slice, 'id', i, rows + i, name) : rowId(rows + i)));
        const captions = Array.from({ length: n }, (_, i) => cellString(slice, o.captionColumn, i, rows + i, name));
        const warming = performance.now();
        if (!warm) await warmUp({ id: ids[0], caption: captions[0] });
        const warmed = performance.now();
        warmupSeconds += (warmed - warming) / 1000;
        const out = await synthesise(slice, ids, captions);
        const columns = await timed('assemble', () => {
          countTokens(out.tokens, counts);
          const data: Data[] = hasId ? [] : [utf8Data(ids)];
          data.push(...kept.map(([, c]) => slice.data.children[c]), ...tokenData(fields, out.tokens, out.embeddings, n));
          if (out.images) data.push(fixedListData(imageOut[0], out.images, n));
          return data;
        });
        rows += n;
        batches += 1;
        seconds.total += (performance.now() - began - (warmed - warming)) / 1000;
        perBatch.push(current);
        o.onRows?.(rows);
        yield batchOf(schema, columns);
      }
    }
  }

  return {
    schema,
    batches: produce(),
    summary: () => ({ rows, ...usageOf(counts) }),
    timings(): SynthTimings {
      const s = { ...seconds };
      const medianOf = (f: (b: Record<Phase, number>) => number): number => median(perBatch.map(f));
      const phases = PHASES.filter((p): p is Exclude<Phase, 'read'> => p !== 'read');
      const t = {
        route: o.route,
        rows,
        batches,
        batch_size: o.batchSize,
        warmup_seconds: warmupSeconds,
        seconds: s,
        median_batch_seconds: Object.fromEntries(phases.map((p) => [p, medianOf((b) => b[p])])) as Record<Exclude<Phase, 'read'>, number>,
        ...(agreement.all > 0 ? { token_agreement: agreement.same / agreement.all } : {}),
      };
      if (!o.compareRoutes) return t;
      const tEmbed = s.sample + s.lookup;
      const tPixel = s.sample + s.decode + s.encode;
      return {
        ...t,
        compare: {
          t_embed: tEmbed,
          t_pixel: tPixel,
          ratio: tPixel / tEmbed,
          t_embed_without_sampling: s.lookup,
          t_pixel_without_sampling: s.decode + s.encode,
          ratio_without_sampling: (s.decode + s.encode) / s.lookup,
          median_batch_ratio: medianOf((b) => (b.sample + b.decode + b.encode) / (b.sample + b.lookup)),
          median_batch_ratio_without_sampling: medianOf((b) => (b.decode + b.encode) / b.lookup),
        },
      };
    },
  };
}

/** The oracle renders scene-world images; the tokenizer must take that size. */
function checkSceneShape(tok: Tokenizer, dir: string): void {
  const s = tok.imageShape;
  const w = SCENE_IMAGE_SHAPE;
  if (s.height !== w.height || s.width !== w.width || s.channels !== w.channels) {
    throw new UsageError(`--oracle renders ${w.height}x${w.width}x${w.channels} scenes, but the tokenizer in ${dir} takes ${s.height}x${s.width}x${s.channels} images`);
  }
}

const named = (dir: string | undefined): string => (dir ? ` ${dir}` : '');

/** The median (the mean of the middle two for an even count); 0 for none. */
function median(values: number[]): number {
  if (values.length === 0) return 0;
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

function cellString(batch: RecordBatch, column: string, i: number, row: number, source: string): string {
  const v = batch.getChild(column)!.get(i) as string | null;
  if (v === null) throw new DataError(`${source}: row ${row} has a null '${column}'`);
  return v;
}
