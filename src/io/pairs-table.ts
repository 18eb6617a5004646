import { Field, Float64, List, RecordBatch, Schema, Utf8 } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import type { Rng } from '../common/random.js';
import { fieldsOf, makeBatch } from './batch.js';
import { FLOAT, NUMERIC_LIST, UTF8, column, float64ListAt, optionalColumn, requireColumn } from './columns.js';

/** The causal direction between a pair's two variables. */
export type Direction = 'x->y' | 'y->x';

/**
 * One cause-effect pair as the pairs table holds it: `pair_id` (Utf8), `x` and `y` (List<Float64>, equal length),
 * optional `weight` (Float64, the benchmark's pair weight) and `truth` (Utf8, `x->y` or `y->x`).
 */
export interface CausePair {
  readonly id: string;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly weight: number | null;
  readonly truth: Direction | null;
}

const SERIES = new List(new Field('item', new Float64(), true));

export const PAIR_FIELDS: Field[] = fieldsOf([
  { name: 'pair_id', type: new Utf8() },
  { name: 'x', type: SERIES },
  { name: 'y', type: SERIES },
  { name: 'weight', type: new Float64() },
  { name: 'truth', type: new Utf8() },
]);

export function pairsBatch(pairs: readonly CausePair[], metadata: Map<string, string>): RecordBatch {
  return makeBatch(
    [
      { name: 'pair_id', type: new Utf8(), values: pairs.map((p) => p.id) },
      { name: 'x', type: SERIES, values: pairs.map((p) => p.x) },
      { name: 'y', type: SERIES, values: pairs.map((p) => p.y) },
      { name: 'weight', type: new Float64(), values: pairs.map((p) => p.weight) },
      { name: 'truth', type: new Utf8(), values: pairs.map((p) => p.truth) },
    ],
    metadata,
  );
}

/** Checks a pairs table's schema up front, so a wrong input fails before any work, naming the column. */
export function checkPairsSchema(source: string, schema: Schema): void {
  requireColumn(source, schema, 'pair_id', UTF8);
  requireColumn(source, schema, 'x', NUMERIC_LIST);
  requireColumn(source, schema, 'y', NUMERIC_LIST);
  optionalColumn(source, schema, 'weight', FLOAT);
  optionalColumn(source, schema, 'truth', UTF8);
}

export function parseDirection(value: unknown, where: string): Direction | null {
  if (value === null || value === undefined) return null;
  if (value === 'x->y' || value === 'y->x') return value;
  throw new DataError(`${where}: truth must be 'x->y' or 'y->x', got '${String(value)}'`);
}

/** The pairs of one batch. x and y of unequal length are refused here, since no stage can use them. */
export function* pairsOf(source: string, batch: RecordBatch): Generator<CausePair> {
  const ids = column(batch, 'pair_id');
  const xs = column(batch, 'x');
  const ys = column(batch, 'y');
  const weights = batch.getChild('weight');
  const truths = batch.getChild('truth');
  for (let i = 0; i < batch.numRows; i++) {
    const id = ids.get(i) as string | null;
    if (id === null) throw new DataError(`${source}: row ${i} has a null pair_id`);
    const x = float64ListAt(xs, i);
    const y = float64ListAt(ys, i);
    if (x.length !== y.length) {
      throw new DataError(`${source}: pair '${id}' has ${x.length} x values but ${y.length} y values`);
    }
    const weight = weights ? (weights.get(i) as number | null) : null;
    const truth = truths ? parseDirection(truths.get(i), `${source}: pair '${id}'`) : null;
    yield { id, x, y, weight, truth };
  }
}

/** The same pair with x and y exchanged and its truth exchanged with them. */
export function swapped(pair: CausePair): CausePair {
  const truth = pair.truth === null ? null : pair.truth === 'x->y' ? 'y->x' : 'x->y';
  return { ...pair, x: pair.y, y: pair.x, truth };
}

/** Swaps x and y with probability 1/2. */
export function randomOrientation(pair: CausePair, rng: Rng): CausePair {
  return rng.uniform() < 0.5 ? swapped(pair) : pair;
}
