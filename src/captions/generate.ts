import { DataError } from '../common/errors.js';
import type { Scene } from '../scenes/index.js';
import type { CaptionBackend, CaptionResult } from './backend.js';
import { type RejectReason, normaliseCaption, rejectReason } from './postprocess.js';

export interface CaptionRow {
  readonly index: number;
  readonly concept: string;
  /** Normalised (postprocess.ts). */
  readonly caption: string;
  readonly scene: Scene | null;
}

export interface GenerateOptions {
  /** Rows wanted in all, counting rows resumed from an earlier run. */
  readonly count: number;
  readonly schedule: (index: number) => string;
  /** Reject a caption already in the output and ask again. */
  readonly dedup: boolean;
  /** Tries per row, the first included, before the row gives up (or keeps its last duplicate). */
  readonly maxAttempts: number;
  /** Low-diversity mode: only rows 0..K-1 are generated (always distinct); row i >= K repeats row i mod K. */
  readonly unique?: number;
  readonly maxWords: number;
  /** Backend calls in flight at once. */
  readonly concurrency: number;
}

export type Rejection = RejectReason | 'duplicate';

type Outcome = { ok: true; value: CaptionResult } | { ok: false; error: unknown };

/**
 * Asks the backend for one caption per row and keeps rows in index order whatever order the calls finish in.
 * Up to `concurrency` rows are requested ahead, but each is accepted or rejected only when its turn comes, so
 * the duplicate check, and with it the output of a deterministic backend, does not depend on timing.
 */
export class CaptionGenerator {
  readonly rejections: Record<Rejection, number> = { duplicate: 0, empty: 0, too_long: 0 };
  /** Rows that kept a duplicate because every attempt was one. */
  duplicatesKept = 0;

  constructor(
    private readonly backend: CaptionBackend,
    private readonly o: GenerateOptions,
  ) {}

  /** The rows after `existing` (rows kept from an earlier run, in index order) up to `count`. */
  async *rows(existing: readonly CaptionRow[]): AsyncGenerator<CaptionRow> {
    const { count, unique, concurrency } = this.o;
    const generated = Math.min(count, unique ?? Infinity);
    const distinct = this.o.dedup || unique !== undefined;
    const seen = new Set(distinct ? existing.slice(0, generated).map((r) => r.caption) : []);
    const pool = existing.slice(0, generated);
    const stop = new AbortController();
    const pending = new Map<number, Promise<Outcome>>();
    const launch = (index: number, attempt: number): Promise<Outcome> =>
      this.backend
        .caption({ concept: this.o.schedule(index), index, attempt, signal: stop.signal })
        .then((value): Outcome => ({ ok: true, value }), (error: unknown): Outcome => ({ ok: false, error }));
    let next = existing.length;
    const fill = (): void => {
      for (; pending.size < concurrency && next < generated; next++) pending.set(next, launch(next, 0));
    };
    try {
      for (let i = existing.length; i < count; i++) {
        if (i >= generated) {
          yield { ...pool[i % generated], index: i };
          continue;
        }
        fill();
        const row = await this.accept(i, pending, launch, distinct ? seen : null);
        pending.delete(i);
        fill();
        pool.push(row);
        yield row;
      }
    } finally {
      stop.abort();
      await Promise.all(pending.values());
    }
  }

  private async accept(
    index: number,
    pending: Map<number, Promise<Outcome>>,
    launch: (index: number, attempt: number) => Promise<Outcome>,
    seen: Set<string> | null,
  ): Promise<CaptionRow> {
    const concept = this.o.schedule(index);
    let duplicate: CaptionRow | null = null;
    let last: Rejection = 'empty';
    for (let attempt = 0; attempt < this.o.maxAttempts; attempt++) {
      // a retry takes over its row's slot, so the calls in flight never exceed the concurrency
      if (attempt > 0) pending.set(index, launch(index, attempt));
      const outcome = await pending.get(index)!;
      if (!outcome.ok) throw outcome.error;
      const caption = normaliseCaption(outcome.value.caption);
      const row: CaptionRow = { index, concept, caption, scene: outcome.value.scene ?? null };
      const reason = rejectReason(caption, this.o.maxWords) ?? (seen?.has(caption) ? 'duplicate' : null);
      if (reason === null) {
        seen?.add(caption);
        return row;
      }
      this.rejections[reason]++;
      last = reason;
      if (reason === 'duplicate') duplicate = row;
    }
    if (duplicate && this.o.unique === undefined) {
      this.duplicatesKept++;
      return duplicate;
    }
    const hint = this.o.unique !== undefined ? 'lower --unique or raise --max-attempts' : 'raise --max-attempts or --max-words';
    throw new DataError(`row ${index} (concept '${concept}'): all ${this.o.maxAttempts} attempts were rejected (last: ${last}); ${hint}`);
  }
}
