import { DataType, Field, RecordBatch, Schema, Table, vectorFromArray } from 'apache-arrow';
import { VERSION } from '../common/version.js';

/** A column to build: its name, Arrow type and values (null for a missing value). */
export interface ColumnSpec {
  readonly name: string;
  readonly type: DataType;
  readonly values: readonly unknown[];
}

/** What every output table records about the stage that made it (ARCHITECTURE.md, data contracts). */
export interface Provenance {
  readonly stage: string;
  readonly seed?: number;
  readonly params?: Record<string, unknown>;
}

/** The provenance as schema metadata, plus a stage's headline `metrics` as `causal.metrics` when it has them. */
export function provenanceMetadata(p: Provenance, metrics?: unknown): Map<string, string> {
  const meta = new Map<string, string>([
    ['causal.stage', p.stage],
    ['causal.version', VERSION],
  ]);
  if (p.seed !== undefined) meta.set('causal.seed', String(p.seed));
  if (p.params) meta.set('causal.params', JSON.stringify(p.params));
  if (metrics !== undefined) meta.set('causal.metrics', JSON.stringify(metrics));
  return meta;
}

/** The schema of a stage's output: `fields` plus provenance metadata. */
export function outputSchema(fields: Field[], p: Provenance): Schema {
  return new Schema(fields, provenanceMetadata(p));
}

/** One record batch from column values; the schema carries `metadata`. */
export function makeBatch(columns: readonly ColumnSpec[], metadata: Map<string, string>): RecordBatch {
  const vectors = Object.fromEntries(columns.map((c) => [c.name, vectorFromArray(c.values as unknown[], c.type)]));
  const table = new Table(vectors);
  const fields = columns.map((c) => new Field(c.name, c.type, true));
  return new RecordBatch(new Schema(fields, metadata), table.batches[0].data);
}

export function fieldsOf(columns: readonly Pick<ColumnSpec, 'name' | 'type'>[]): Field[] {
  return columns.map((c) => new Field(c.name, c.type, true));
}
