/**
 * `causal embed-images`: an image table through a trained tokenizer (`causal train --task vq`), one output
 * record batch per input batch, so memory stays flat. Every input column passes through unchanged (a `tokens` or
 * `embedding` column already there is replaced), and two columns are appended:
 *   tokens     FixedSizeList<Int32>[h*w]      the codes of the grid, row-major
 *   embedding  FixedSizeList<Float32>[h*w*D]  their codebook vectors, token-major (token 0's D values first)
 * Both carry grid_height, grid_width, code_dim and codebook_size (strings) in their field metadata.
 */
import { Field, FixedSizeList, Float32, Int32, RecordBatch, Schema, makeData, type Data } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { type Provenance, provenanceMetadata } from '../io/batch.js';
import { requireColumn } from '../io/columns.js';
import { IMAGE, batchOf, imageShapeOf, readImageTable } from '../io/images.js';
import { imageGridPng } from '../io/png.js';
import { EMBEDDING_COLUMN, TOKENS_COLUMN } from '../io/token-table.js';
import { countTokens, usageOf, type CodeUsage } from '../vq/usage.js';
import { openTokenizer, type Tokenizer, type TokenizerOptions } from './tokenizer-session.js';

export const IMAGE_COLUMN = 'image';

export interface EmbedImagesOptions {
  /** How many of the first images the preview keeps for the plot. */
  readonly previewRows: number;
  readonly provenance: Provenance;
}

export interface ImageTokensRun {
  readonly schema: Schema;
  /** Read lazily: one output batch per input batch. */
  readonly batches: AsyncGenerator<RecordBatch>;
  readonly tokenizer: Tokenizer;
  /** Rows and codebook use so far (complete once `batches` is consumed). */
  summary(): { rows: number } & CodeUsage;
  /** A PNG of the first images (left) beside their reconstructions from the tokens (right). */
  plot(): Promise<Uint8Array>;
  release(): Promise<void>;
}

export async function embedImageTokens(input: ArrowInput, dir: string, runtime: TokenizerOptions, o: EmbedImagesOptions): Promise<ImageTokensRun> {
  const { name, schema: inputSchema } = input;
  const imageIn = requireColumn(name, inputSchema, IMAGE_COLUMN, IMAGE);
  const shape = imageShapeOf(name, imageIn);
  const imageSchema = new Schema([imageIn]);
  const imageIndex = inputSchema.fields.indexOf(imageIn);
  const tok = await openTokenizer(dir, runtime);
  const want = tok.imageShape;
  if (shape.height !== want.height || shape.width !== want.width || shape.channels !== want.channels) {
    await tok.release();
    throw new DataError(`${name}: images are ${shape.height}x${shape.width}x${shape.channels} but the tokenizer in ${dir} takes ${want.height}x${want.width}x${want.channels}`);
  }
  const cells = tok.grid.height * tok.grid.width;
  const { tokensField, embeddingField } = tokenFields(tok);
  const kept = inputSchema.fields.map((f, i) => [f, i] as const).filter(([f]) => f.name !== TOKENS_COLUMN && f.name !== EMBEDDING_COLUMN);
  const schema = new Schema([...kept.map(([f]) => f), tokensField, embeddingField], provenanceMetadata(o.provenance));
  const counts = new Float64Array(tok.codebookSize);
  const preview = { images: [] as Float32Array[], tokens: [] as Int32Array[] };
  let rows = 0;

  async function* batches(): AsyncGenerator<RecordBatch> {
    let index = 0;
    for await (const batch of input.batches) {
      index += 1;
      if (batch.numRows === 0) continue;
      // The image column alone, so that other columns (a `label` of another type) never trouble the reader.
      // (RecordBatch.select would do, but apache-arrow 21 marks every row of its result null.)
      const only = batchOf(imageSchema, [batch.data.children[imageIndex]]);
      const table = await readImageTable({ name: `${name} (record batch ${index})`, schema: imageSchema, batches: once(only) });
      const n = table.rows;
      const { tokens, embeddings } = await tok.encode(table.images, n);
      countTokens(tokens, counts);
      const size = table.images.length / n;
      for (let i = 0; preview.images.length < o.previewRows && i < n; i++) {
        preview.images.push(table.images.slice(i * size, (i + 1) * size));
        preview.tokens.push(tokens.slice(i * cells, (i + 1) * cells));
      }
      const columns: Data[] = kept.map(([, i]) => batch.data.children[i]);
      columns.push(...tokenData({ tokensField, embeddingField }, tokens, embeddings, n));
      rows += n;
      yield batchOf(schema, columns);
    }
  }

  return {
    schema,
    batches: batches(),
    tokenizer: tok,
    summary: () => ({ rows, ...usageOf(counts) }),
    async plot() {
      const n = preview.tokens.length;
      const all = new Int32Array(n * cells);
      preview.tokens.forEach((t, i) => all.set(t, i * cells));
      const decoded = await tok.decode(all, n);
      const size = decoded.length / Math.max(1, n);
      return imageGridPng(
        preview.images.map((img, i) => [img, decoded.subarray(i * size, (i + 1) * size)]),
        tok.imageShape,
        { sourceColumn: true },
      );
    },
    release: () => tok.release(),
  };
}

/**
 * The two columns of the image-token table for a tokenizer's grid, codebook and code size, with their field
 * metadata (`grid_height`, `grid_width`, `code_dim`, `codebook_size`); shared with `causal synth-embeddings`, whose
 * synthetic rows must be exactly what the captioner reads for real images.
 */
export function tokenFields(tok: Pick<Tokenizer, 'grid' | 'codeDim' | 'codebookSize'>): { tokensField: Field; embeddingField: Field } {
  const cells = tok.grid.height * tok.grid.width;
  const meta = new Map([
    ['grid_height', String(tok.grid.height)],
    ['grid_width', String(tok.grid.width)],
    ['code_dim', String(tok.codeDim)],
    ['codebook_size', String(tok.codebookSize)],
  ]);
  return {
    tokensField: new Field(TOKENS_COLUMN, new FixedSizeList(cells, new Field('item', new Int32(), false)), false, meta),
    embeddingField: new Field(EMBEDDING_COLUMN, new FixedSizeList(cells * tok.codeDim, new Field('item', new Float32(), false)), false, meta),
  };
}

/** The `tokens` and `embedding` columns of `rows` rows, from flat arrays (n*h*w tokens, n*h*w*D values). */
export function tokenData(fields: { tokensField: Field; embeddingField: Field }, tokens: Int32Array, embeddings: Float32Array, rows: number): [Data, Data] {
  return [listData(fields.tokensField, new Int32(), tokens, rows), listData(fields.embeddingField, new Float32(), embeddings, rows)];
}

function listData<T extends Int32 | Float32>(field: Field, item: T, values: Int32Array | Float32Array, rows: number): Data {
  const child = makeData({ type: item, length: values.length, data: values } as never);
  return makeData({ type: field.type as FixedSizeList, length: rows, nullCount: 0, child });
}

async function* once(batch: RecordBatch): AsyncGenerator<RecordBatch> {
  yield batch;
}
