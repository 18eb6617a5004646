/**
 * Image-token tables (docs/vlm.md, data contracts) in memory: `embedding` FixedSizeList<Float32>[T*D], token-major,
 * with grid_height, grid_width, code_dim and codebook_size in its field metadata, and the reference captions from
 * `captions` List<Utf8> or, failing that, `caption` Utf8. The batches are kept so that a stage can pass every
 * column through.
 */
import { type Field, type FixedSizeList, type RecordBatch, type Schema, type Vector } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { UTF8, UTF8_LIST, requireColumn } from '../io/columns.js';
import { EMBEDDING, floatRows } from '../io/embedding-table.js';
import { EMBEDDING_COLUMN } from '../io/token-table.js';

/** The token grid an embedding column declares: T = height x width tokens of `dim` values each. */
export interface TokenGrid {
  readonly height: number;
  readonly width: number;
  readonly dim: number;
  /** Codebook size of the tokenizer that made the embeddings (informational; absent from the metadata: null). */
  readonly codebookSize: number | null;
}

export const tokenCount = (g: Pick<TokenGrid, 'height' | 'width'>): number => g.height * g.width;

export interface CaptionTable {
  readonly source: string;
  readonly schema: Schema;
  readonly batches: RecordBatch[];
  readonly rows: number;
  readonly grid: TokenGrid;
  /** Row after row, rows x T x D. */
  readonly embeddings: Float32Array;
  /** The column the references came from, or null when the table has neither `captions` nor `caption`. */
  readonly captionColumn: 'captions' | 'caption' | null;
  /** Each row's references (possibly none), or null without a caption column. */
  readonly references: string[][] | null;
}


/** The grid an `embedding` field declares in its metadata, checked against its list size. */
export function tokenGridOf(source: string, field: Field): TokenGrid {
  const get = (k: string, required: boolean): number | null => {
    const raw = field.metadata.get(k);
    const v = Number(raw);
    if (raw !== undefined && Number.isInteger(v) && v > 0) return v;
    if (!required && raw === undefined) return null;
    throw new DataError(
      `${source}: column '${field.name}' lacks a positive integer '${k}' in its field metadata (an image-token table from \`causal embed-images\` has grid_height, grid_width, code_dim)`,
    );
  };
  const grid = { height: get('grid_height', true)!, width: get('grid_width', true)!, dim: get('code_dim', true)!, codebookSize: get('codebook_size', false) };
  const size = (field.type as FixedSizeList).listSize;
  if (size !== tokenCount(grid) * grid.dim) {
    throw new DataError(`${source}: column '${field.name}' holds ${size} values per row but declares ${grid.height}x${grid.width} tokens of ${grid.dim}`);
  }
  return grid;
}

/**
 * Where a table's references are: `captions` (List<Utf8>) if it has one, else `caption` (Utf8), else null (an error
 * when `required`); the column's type is checked. The generator's token tables (src/t2i) read captions this way too.
 */
export function captionColumnOf(source: string, schema: Schema, required: boolean): 'captions' | 'caption' | null {
  const captionColumn = schema.fields.some((f) => f.name === 'captions') ? 'captions' : schema.fields.some((f) => f.name === 'caption') ? 'caption' : null;
  if (captionColumn) requireColumn(source, schema, captionColumn, captionColumn === 'captions' ? UTF8_LIST : UTF8);
  else if (required) {
    const have = schema.fields.map((f) => f.name).join(', ');
    throw new DataError(`${source}: no captions: expected a 'captions' (List<Utf8>) or 'caption' (Utf8) column (columns: ${have})`);
  }
  return captionColumn;
}

export async function readCaptionTable(input: ArrowInput, o: { requireCaptions: boolean }): Promise<CaptionTable> {
  const { name: source, schema } = input;
  const field = requireColumn(source, schema, EMBEDDING_COLUMN, EMBEDDING);
  const grid = tokenGridOf(source, field);
  const captionColumn = captionColumnOf(source, schema, o.requireCaptions);
  const size = (field.type as FixedSizeList).listSize;
  const batches: RecordBatch[] = [];
  const chunks: Float32Array[] = [];
  const references: string[][] = [];
  let rows = 0;
  for await (const batch of input.batches) {
    batches.push(batch);
    chunks.push(floatRows(batch.getChild(EMBEDDING_COLUMN)!, size, source, EMBEDDING_COLUMN, rows));
    if (captionColumn) {
      const v = batch.getChild(captionColumn)!;
      for (let i = 0; i < batch.numRows; i++) references.push(referencesAt(v, i));
    }
    rows += batch.numRows;
  }
  if (rows === 0) throw new DataError(`${source}: empty table, no image embeddings`);
  const embeddings = new Float32Array(rows * size);
  let at = 0;
  for (const c of chunks) {
    embeddings.set(c, at);
    at += c.length;
  }
  return { source, schema, batches, rows, grid, embeddings, captionColumn, references: captionColumn ? references : null };
}

/** A row's references: the non-null, non-blank strings of a list cell, or the one string of a Utf8 cell. */
export function referencesAt(v: Vector, i: number): string[] {
  const cell = v.get(i) as Vector | string | null;
  if (cell === null) return [];
  const all = typeof cell === 'string' ? [cell] : (cell.toArray() as (string | null)[]);
  return all.filter((s): s is string => s !== null && s.trim() !== '');
}
