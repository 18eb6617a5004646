/**
 * A table of embeddings in memory, for the probes: the output of `causal embed`, or embeddings exported as Arrow
 * by any other tool. The embedding column is any FixedSizeList of Float32 or Float64; the label column any integer
 * type, where null (or a negative value, scikit-learn's convention) marks an unlabelled row.
 */
import { type Field, type FixedSizeList, type RecordBatch, type Schema, Type, type Vector } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import type { ArrowInput } from './arrow-input.js';
import { type ColumnType, requireColumn } from './columns.js';

export const EMBEDDING: ColumnType = {
  describe: 'FixedSizeList<Float32> or FixedSizeList<Float64>',
  accepts: (t) => {
    if (t.typeId !== Type.FixedSizeList) return false;
    const item = (t.children[0] as Field).type;
    return item.typeId === Type.Float && (item as { precision: number }).precision >= 1;
  },
};

const CLASS_LABEL: ColumnType = { describe: 'an integer class index (Int32)', accepts: (t) => t.typeId === Type.Int };

/** Labels are class indices; a larger value is a mistake (an id column, say), not a class. */
const MAX_CLASSES = 100_000;

export interface EmbeddingTable {
  readonly source: string;
  readonly schema: Schema;
  /** The input batches as read, for stages that pass columns through. */
  readonly batches: RecordBatch[];
  readonly rows: number;
  readonly dim: number;
  /** Row after row, rows x dim. */
  readonly vectors: Float32Array;
  /** The class of each row, -1 where unlabelled. */
  readonly labels: Int32Array;
  /** 1 + the largest label (0 when no row is labelled). */
  readonly classes: number;
}

export interface EmbeddingColumns {
  readonly embeddingColumn: string;
  readonly labelColumn: string;
}

export async function readEmbeddingTable(input: ArrowInput, o: EmbeddingColumns): Promise<EmbeddingTable> {
  const { name, schema } = input;
  const field = requireColumn(name, schema, o.embeddingColumn, EMBEDDING);
  requireColumn(name, schema, o.labelColumn, CLASS_LABEL);
  const dim = (field.type as FixedSizeList).listSize;
  if (dim < 1) throw new DataError(`${name}: column '${o.embeddingColumn}' has zero-length embeddings`);
  const batches: RecordBatch[] = [];
  const chunks: Float32Array[] = [];
  const labelChunks: Int32Array[] = [];
  let rows = 0;
  let classes = 0;
  for await (const batch of input.batches) {
    batches.push(batch);
    chunks.push(floatRows(batch.getChild(o.embeddingColumn)!, dim, name, o.embeddingColumn, rows));
    const column = batch.getChild(o.labelColumn)!;
    const labels = new Int32Array(batch.numRows);
    for (let i = 0; i < batch.numRows; i++) {
      const v = column.get(i) as number | bigint | null;
      const y = v === null ? -1 : Number(v);
      if (y >= MAX_CLASSES) {
        throw new DataError(`${name}: row ${rows + i}: label ${y} in '${o.labelColumn}' is not a class index (expected 0..${MAX_CLASSES - 1})`);
      }
      labels[i] = y < 0 ? -1 : y;
      classes = Math.max(classes, labels[i] + 1);
    }
    labelChunks.push(labels);
    rows += batch.numRows;
  }
  if (rows === 0) throw new DataError(`${name}: empty table, no embeddings`);
  return { source: name, schema, batches, rows, dim, vectors: concat(chunks, Float32Array), labels: concat(labelChunks, Int32Array), classes };
}

/** The rows of a FixedSizeList<Float> column as Float32; a null row or a non-finite value is an error naming it. */
export function floatRows(v: Vector, dim: number, source: string, column: string, firstRow: number): Float32Array {
  const out = new Float32Array(v.length * dim);
  let at = 0;
  for (const d of v.data) {
    const child = d.children[0];
    const start = child.offset + d.offset * dim;
    const values = child.values as Float32Array | Float64Array;
    for (let i = 0; i < d.length; i++) {
      const row = firstRow + at / dim;
      if (!d.getValid(i)) throw new DataError(`${source}: row ${row}: column '${column}' is null`);
      for (let t = 0; t < dim; t++) {
        out[at + t] = values[start + i * dim + t];
        // checked after the conversion to Float32, which turns values beyond its range into infinities
        if (!Number.isFinite(out[at + t])) {
          throw new DataError(`${source}: row ${row}: column '${column}' holds ${values[start + i * dim + t]} (embeddings must be finite)`);
        }
      }
      at += dim;
    }
  }
  return out;
}

function concat<T extends Float32Array | Int32Array>(parts: T[], Type: { new (n: number): T }): T {
  const out = new Type(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
