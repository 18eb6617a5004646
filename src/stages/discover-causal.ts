import { Field, Float64, List, type RecordBatch, Struct, Utf8 } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import { rngFor } from '../common/random.js';
import { WorkerPool } from '../common/worker-pool.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { type ColumnSpec, type Provenance, fieldsOf, makeBatch, provenanceMetadata } from '../io/batch.js';
import { type CausePair, checkPairsSchema, pairsOf } from '../io/pairs-table.js';
import { type Shard, shardBatches } from '../io/shard.js';
import { type Decision, type KcdcOptions, discover } from '../kcdc/index.js';
import type { PairJob, PairOutcome } from './discover-causal.worker.js';

export interface DiscoverOptions {
  readonly kcdc: KcdcOptions;
  readonly seed: number;
  /** Worker threads; 1 computes in this thread. */
  readonly threads: number;
  /** Turn unusable pairs (too few points, constant, NaN/Inf) into flagged rows instead of failing the run. */
  readonly skipInvalid: boolean;
  readonly shard?: Shard;
  readonly provenance: Provenance;
  onSkip(id: string, reason: string): void;
  onPair(done: number): void;
}

const VOTE = new Struct([
  new Field('kernel', new Utf8(), true),
  new Field('direction', new Utf8(), true),
  new Field('deviance_xy', new Float64(), true),
  new Field('deviance_yx', new Float64(), true),
]);
const VOTES = new List(new Field('vote', VOTE, true));

/** The decision columns every output has; `weight` and `truth` follow when the input has them. */
const DECISION_COLUMNS = [
  { name: 'pair_id', type: new Utf8() },
  { name: 'direction', type: new Utf8() },
  { name: 'score_xy', type: new Float64() },
  { name: 'score_yx', type: new Float64() },
  { name: 'confidence', type: new Float64() },
  { name: 'votes', type: VOTES },
  { name: 'status', type: new Utf8() },
];
const PASSED_THROUGH = [
  { name: 'weight', type: new Float64() },
  { name: 'truth', type: new Utf8() },
];

export function discoverFields(input: ArrowInput): Field[] {
  const names = new Set(input.schema.fields.map((f) => f.name));
  return fieldsOf([...DECISION_COLUMNS, ...PASSED_THROUGH.filter((c) => names.has(c.name))]);
}

/**
 * KCDC over a pairs table, batch by batch: the output has one row per input pair, in input order. Each pair's
 * random stream (subsampling) is derived from (seed, pair id), so a pair's result does not depend on batch size,
 * sharding or which thread computed it.
 */
export async function* discoverCausal(input: ArrowInput, options: DiscoverOptions): AsyncGenerator<RecordBatch> {
  checkPairsSchema(input.name, input.schema);
  const passed = PASSED_THROUGH.filter((c) => input.schema.fields.some((f) => f.name === c.name));
  const metadata = provenanceMetadata(options.provenance);
  const pool =
    options.threads > 1
      ? new WorkerPool<PairJob, PairOutcome>(
          new URL('./discover-causal.worker.js', import.meta.url),
          options.threads,
          options.kcdc,
          (name, message) => (name === 'DataError' ? new DataError(message) : new Error(message)),
        )
      : null;
  const decide = (pair: CausePair): Promise<Decision> =>
    pool
      ? pool.run({ x: pair.x, y: pair.y, seed: options.seed, id: pair.id }, [pair.x.buffer as ArrayBuffer, pair.y.buffer as ArrayBuffer])
      : Promise.resolve().then(() => discover(pair.x, pair.y, options.kcdc, rngFor(options.seed, pair.id)));
  const seen = new Set<string>();
  let done = 0;
  try {
    for await (const batch of shardBatches(input.batches, options.shard)) {
      const pairs = [...pairsOf(input.name, batch)];
      for (const p of pairs) {
        if (seen.has(p.id)) throw new DataError(`${input.name}: duplicate pair id '${p.id}'`);
        seen.add(p.id);
      }
      const meta = pairs.map((p) => ({ id: p.id, weight: p.weight, truth: p.truth }));
      const outcomes = await Promise.all(
        pairs.map((p) =>
          decide(p).then(
            (decision) => {
              options.onPair(++done);
              return { decision, status: 'ok' };
            },
            (err: unknown) => {
              if (!(err instanceof DataError)) throw err;
              if (!options.skipInvalid) throw new DataError(`${input.name}: pair '${p.id}': ${err.message}`);
              options.onSkip(p.id, err.message);
              return { decision: null, status: `skipped: ${err.message}` };
            },
          ),
        ),
      );
      const columns: ColumnSpec[] = [
        { ...DECISION_COLUMNS[0], values: meta.map((m) => m.id) },
        { ...DECISION_COLUMNS[1], values: outcomes.map((o) => o.decision?.direction ?? null) },
        { ...DECISION_COLUMNS[2], values: outcomes.map((o) => o.decision?.scoreXY ?? null) },
        { ...DECISION_COLUMNS[3], values: outcomes.map((o) => o.decision?.scoreYX ?? null) },
        { ...DECISION_COLUMNS[4], values: outcomes.map((o) => o.decision?.confidence ?? null) },
        { ...DECISION_COLUMNS[5], values: outcomes.map((o) => (o.decision ? voteRows(o.decision) : null)) },
        { ...DECISION_COLUMNS[6], values: outcomes.map((o) => o.status) },
        ...passed.map((c) => ({ ...c, values: meta.map((m) => m[c.name as 'weight' | 'truth']) })),
      ];
      yield makeBatch(columns, metadata);
    }
  } finally {
    await pool?.close();
  }
}

function voteRows(d: Decision): Record<string, unknown>[] {
  return d.votes.map((v) => ({
    kernel: v.kernel,
    direction: v.direction,
    deviance_xy: v.devianceXY,
    deviance_yx: v.devianceYX,
  }));
}
