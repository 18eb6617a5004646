/**
 * Image-token tables (`causal embed-images`) as the generator trains on them: `tokens` FixedSizeList<Int32>[H*W]
 * (row-major grid) with grid_height, grid_width and codebook_size in its field metadata, and the references from
 * `captions` List<Utf8> or `caption` Utf8 (src/vlm/table.ts). Every other column is ignored.
 */
import { type Field, type FixedSizeList, Type } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { type ColumnType, requireColumn } from '../io/columns.js';
import { TOKENS_COLUMN } from '../io/token-table.js';
import { captionColumnOf, referencesAt } from '../vlm/table.js';

const TOKENS: ColumnType = {
  describe: 'FixedSizeList<Int32> (image tokens from `causal embed-images`)',
  accepts: (t) => t.typeId === Type.FixedSizeList && (t.children[0] as Field).type.typeId === Type.Int,
};

export interface TokenTable {
  readonly source: string;
  readonly rows: number;
  readonly grid: { height: number; width: number };
  /** K: the codes lie in [0, K). */
  readonly codebookSize: number;
  /** Row after row, rows x H*W. */
  readonly tokens: Int32Array;
  readonly captionColumn: 'captions' | 'caption';
  /** Each row's non-blank references (at least one). */
  readonly references: string[][];
}

export async function readTokenTable(input: ArrowInput): Promise<TokenTable> {
  const { name: source, schema } = input;
  const field = requireColumn(source, schema, TOKENS_COLUMN, TOKENS);
  const get = (k: string): number => {
    const raw = field.metadata.get(k);
    const v = Number(raw);
    if (raw === undefined || !Number.isInteger(v) || v <= 0) {
      throw new DataError(`${source}: column '${TOKENS_COLUMN}' lacks a positive integer '${k}' in its field metadata (an image-token table from \`causal embed-images\` has grid_height, grid_width, codebook_size)`);
    }
    return v;
  };
  const grid = { height: get('grid_height'), width: get('grid_width') };
  const K = get('codebook_size');
  const n = grid.height * grid.width;
  if ((field.type as FixedSizeList).listSize !== n) {
    throw new DataError(`${source}: column '${TOKENS_COLUMN}' holds ${(field.type as FixedSizeList).listSize} tokens per row but declares a ${grid.height}x${grid.width} grid`);
  }
  const captionColumn = captionColumnOf(source, schema, true)!;
  const chunks: Int32Array[] = [];
  const references: string[][] = [];
  let rows = 0;
  for await (const batch of input.batches) {
    const column = batch.getChild(TOKENS_COLUMN)!;
    const out = new Int32Array(batch.numRows * n);
    let at = 0;
    for (const d of column.data) {
      const child = d.children[0];
      const values = child.values as ArrayLike<number>;
      const start = child.offset + d.offset * n;
      for (let i = 0; i < d.length; i++, at += n) {
        const row = rows + at / n;
        if (!d.getValid(i)) throw new DataError(`${source}: row ${row}: column '${TOKENS_COLUMN}' is null`);
        for (let t = 0; t < n; t++) {
          const v = Number(values[start + i * n + t]);
          if (!(v >= 0 && v < K)) throw new DataError(`${source}: row ${row}: token ${v} at position ${t} is outside the codebook [0, ${K - 1}]`);
          out[at + t] = v;
        }
      }
    }
    chunks.push(out);
    const caps = batch.getChild(captionColumn)!;
    for (let i = 0; i < batch.numRows; i++) {
      const refs = referencesAt(caps, i);
      if (refs.length === 0) throw new DataError(`${source}: row ${rows + i} has no caption in '${captionColumn}'; every training image needs one`);
      references.push(refs);
    }
    rows += batch.numRows;
  }
  if (rows === 0) throw new DataError(`${source}: empty table, no image tokens`);
  const tokens = new Int32Array(rows * n);
  let at = 0;
  for (const c of chunks) {
    tokens.set(c, at);
    at += c.length;
  }
  return { source, rows, grid, codebookSize: K, tokens, captionColumn, references };
}
