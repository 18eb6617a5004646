/**
 * Which (source, row, reference) pairs each training step takes, when batches mix two sources (synthetic and real
 * pairs) at a set share, or come from one.
 *
 * Source 0 gets floor(F B t) - floor(F B (t - 1)) of the B slots of step t and source 1 the rest, so the share of
 * source 0 over any run of steps is F to within one pair, without randomness. Each source is read as its own
 * stream of epochs: epoch e of source s is a shuffle of its rows from rngFor(seed, 'source s epoch e'), and a row
 * met in epoch e trains on reference rngFor(seed, 'reference s e row') of its captions. So every image contributes
 * one of its references per pass over its source, and step t's batch is a function of (seed, t) alone: a resumed
 * run takes exactly the batches of an uninterrupted one.
 */
import { UsageError } from '../common/errors.js';
import { rngFor } from '../common/random.js';

export interface Pick {
  source: number;
  row: number;
  /** Which of the row's references. */
  reference: number;
}

export class MixedBatches {
  private readonly orders = new Map<string, number[]>();

  /**
   * `references[s][r]`: how many references row r of source s has (at least one each); `share`: the fraction of
   * each batch drawn from source 0 (1 with a single source).
   */
  constructor(
    private readonly references: readonly (readonly number[])[],
    private readonly share: number,
    readonly batchSize: number,
    private readonly seed: number,
  ) {
    if (references.length < 1 || references.length > 2) throw new UsageError('mixed batches: one or two sources');
    if (!(share >= 0 && share <= 1)) throw new UsageError(`mixed batches: share ${share} is not in [0, 1]`);
    if (references.length === 1 && share !== 1) throw new UsageError('mixed batches: a single source takes the whole batch');
    references.forEach((refs, s) => {
      const needed = s === 0 ? share > 0 : share < 1;
      if (needed && refs.length === 0) throw new UsageError(`mixed batches: source ${s} has no rows`);
    });
  }

  /** Pairs drawn from source 0 before step t (1-based) of the run. */
  private before(t: number): number {
    return Math.floor(this.share * this.batchSize * (t - 1) + 1e-9);
  }

  /** The pairs of step t (1-based), source 0's first. */
  batch(t: number): Pick[] {
    const from0 = this.before(t);
    const counts = [this.before(t + 1) - from0, 0];
    counts[1] = this.batchSize - counts[0];
    const consumed = [from0, this.batchSize * (t - 1) - from0];
    const out: Pick[] = [];
    counts.forEach((n, s) => {
      for (let k = 0; k < n; k++) out.push(this.at(s, consumed[s] + k));
    });
    return out;
  }

  /** The p-th pair (0-based) of source s's stream. */
  private at(s: number, p: number): Pick {
    const rows = this.references[s].length;
    const epoch = Math.floor(p / rows);
    const row = this.order(s, epoch)[p % rows];
    const reference = rngFor(this.seed, `reference ${s} ${epoch} ${row}`).int(this.references[s][row]);
    return { source: s, row, reference };
  }

  private order(s: number, epoch: number): number[] {
    const key = `${s} ${epoch}`;
    let order = this.orders.get(key);
    if (!order) {
      order = rngFor(this.seed, `source ${s} epoch ${epoch}`).shuffle(Array.from({ length: this.references[s].length }, (_, i) => i));
      // a source's stream moves forward: two epochs per source cover a batch that straddles a boundary
      if (this.orders.size >= 4) this.orders.delete(this.orders.keys().next().value!);
      this.orders.set(key, order);
    }
    return order;
  }
}
