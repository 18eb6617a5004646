import type { RecordBatch } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import { rngFor } from '../common/random.js';
import { type Provenance, provenanceMetadata } from '../io/batch.js';
import { type CausePair, pairsBatch, randomOrientation } from '../io/pairs-table.js';

export interface PairBatchOptions {
  readonly provenance: Provenance;
  /** Pairs per record batch: the unit that `--shard` distributes. */
  readonly batchSize: number;
  /** Swap x and y of each pair with probability 1/2 (truth follows), seeded per pair id. */
  readonly shuffleOrientation: boolean;
  readonly seed: number;
  /** Names the source in the duplicate-id error. */
  readonly source: string;
}

/**
 * Collects pairs into record batches of the pairs table. Each pair's coin flip depends only on (seed, pair id), so
 * the orientation a pair gets does not change with batch size, order or sharding. Duplicate ids are refused: later
 * stages join and report by id.
 */
export async function* pairsToBatches(
  pairs: AsyncIterable<CausePair> | Iterable<CausePair>,
  options: PairBatchOptions,
): AsyncGenerator<RecordBatch> {
  const metadata = provenanceMetadata(options.provenance);
  const seen = new Set<string>();
  let pending: CausePair[] = [];
  for await (const pair of pairs) {
    if (seen.has(pair.id)) throw new DataError(`${options.source}: duplicate pair id '${pair.id}'`);
    seen.add(pair.id);
    pending.push(options.shuffleOrientation ? randomOrientation(pair, rngFor(options.seed, pair.id)) : pair);
    if (pending.length === options.batchSize) {
      yield pairsBatch(pending, metadata);
      pending = [];
    }
  }
  if (pending.length > 0) yield pairsBatch(pending, metadata);
}
