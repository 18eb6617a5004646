import type { RecordBatch } from 'apache-arrow';

/** Job `index` of `count` takes every count-th record batch, starting at `index`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Splitting by record batch (the row group of an IPC stream) needs no coordination between jobs and no look-ahead:
 * each job reads the same input and keeps its own batches, and `causal concat` of all parts holds every row once.
 */
export async function* shardBatches(
  batches: AsyncIterable<RecordBatch>,
  shard: Shard | undefined,
): AsyncGenerator<RecordBatch> {
  let i = 0;
  for await (const batch of batches) {
    if (!shard || i % shard.count === shard.index) yield batch;
    i++;
  }
}
