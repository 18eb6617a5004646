import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { BackendCounters, CaptionBackend, CaptionRequest, CaptionResult } from '../../src/captions/backend.js';
import { type CaptionRow, CaptionGenerator, type GenerateOptions } from '../../src/captions/generate.js';
import { DataError } from '../../src/common/errors.js';
import { Rng } from '../../src/common/random.js';

/** A backend whose reply is a function of the request, optionally after a delay; it records calls and concurrency. */
class FakeBackend implements CaptionBackend {
  readonly calls: CaptionRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    private readonly reply: (r: CaptionRequest) => string,
    private readonly delayMs: (r: CaptionRequest) => number = () => 0,
  ) {}

  async caption(r: CaptionRequest): Promise<CaptionResult> {
    this.calls.push(r);
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      const ms = this.delayMs(r);
      if (ms > 0) await sleep(ms);
      return { caption: this.reply(r) };
    } finally {
      this.inFlight--;
    }
  }

  counters(): BackendCounters {
    return { requests: this.calls.length, retries: {} };
  }
}

const OPTIONS: GenerateOptions = {
  count: 6,
  schedule: (i) => ['red', 'blue'][i % 2],
  dedup: true,
  maxAttempts: 10,
  maxWords: 20,
  concurrency: 1,
};

async function collect(gen: CaptionGenerator, existing: CaptionRow[] = []): Promise<CaptionRow[]> {
  const rows: CaptionRow[] = [];
  for await (const row of gen.rows(existing)) rows.push(row);
  return rows;
}

describe('CaptionGenerator', () => {
  it('rejects duplicates (after normalisation) and asks again', async () => {
    const backend = new FakeBackend((r) => (r.attempt === 0 ? `Caption ${r.index % 3}!` : `caption ${r.index} retry ${r.attempt}`));
    const gen = new CaptionGenerator(backend, OPTIONS);
    const rows = await collect(gen);
    expect(rows.map((r) => r.caption)).toEqual(['caption 0', 'caption 1', 'caption 2', 'caption 3 retry 1', 'caption 4 retry 1', 'caption 5 retry 1']);
    expect(rows.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rows.map((r) => r.concept)).toEqual(['red', 'blue', 'red', 'blue', 'red', 'blue']);
    expect(gen.rejections).toEqual({ duplicate: 3, empty: 0, too_long: 0 });
    expect(backend.calls).toHaveLength(9);
  });

  it('keeps duplicates with dedup off', async () => {
    const backend = new FakeBackend((r) => `caption ${r.index % 3}`);
    const gen = new CaptionGenerator(backend, { ...OPTIONS, dedup: false });
    expect((await collect(gen)).map((r) => r.caption)).toEqual(['caption 0', 'caption 1', 'caption 2', 'caption 0', 'caption 1', 'caption 2']);
    expect(gen.rejections.duplicate).toBe(0);
  });

  it('keeps the last duplicate when every attempt is one, and counts it', async () => {
    const backend = new FakeBackend(() => 'the same caption');
    const gen = new CaptionGenerator(backend, { ...OPTIONS, count: 3, maxAttempts: 4 });
    const rows = await collect(gen);
    expect(rows.map((r) => r.caption)).toEqual(['the same caption', 'the same caption', 'the same caption']);
    expect(gen.duplicatesKept).toBe(2);
    expect(gen.rejections.duplicate).toBe(8);
    expect(backend.calls).toHaveLength(1 + 4 + 4);
  });

  it('fails with a one-line DataError when no attempt gives a usable caption, after yielding the rows before', async () => {
    const backend = new FakeBackend((r) => (r.index === 2 ? (r.attempt % 2 ? '' : 'far too many words in this caption') : `ok ${r.index}`));
    const gen = new CaptionGenerator(backend, { ...OPTIONS, maxAttempts: 3, maxWords: 4 });
    const rows: CaptionRow[] = [];
    const run = async (): Promise<void> => {
      for await (const row of gen.rows([])) rows.push(row);
    };
    await expect(run()).rejects.toThrow(DataError);
    expect(rows.map((r) => r.caption)).toEqual(['ok 0', 'ok 1']);
    expect(gen.rejections).toEqual({ duplicate: 0, empty: 1, too_long: 2 });
    await expect(collect(new CaptionGenerator(backend, { ...OPTIONS, maxAttempts: 3, maxWords: 4 }))).rejects.toThrow(
      /^row 2 \(concept 'red'\): all 3 attempts were rejected \(last: too_long\); raise --max-attempts or --max-words$/,
    );
  });

  it('unique K: generates K distinct captions and repeats them in turn', async () => {
    const backend = new FakeBackend((r) => (r.attempt === 0 ? 'x' : `caption ${r.index} ${r.attempt}`));
    const gen = new CaptionGenerator(backend, { ...OPTIONS, count: 10, unique: 3, dedup: false });
    const rows = await collect(gen);
    const pool = ['x', 'caption 1 1', 'caption 2 1'];
    expect(rows.map((r) => r.caption)).toEqual(Array.from({ length: 10 }, (_, i) => pool[i % 3]));
    expect(rows.map((r) => r.concept)).toEqual(Array.from({ length: 10 }, (_, i) => ['red', 'blue'][(i % 3) % 2]));
    expect(rows.map((r) => r.index)).toEqual([...Array(10).keys()]);
    expect(new Set(backend.calls.map((c) => c.index))).toEqual(new Set([0, 1, 2]));
  });

  it('unique K fails when the backend cannot give K distinct captions', async () => {
    const gen = new CaptionGenerator(new FakeBackend(() => 'x'), { ...OPTIONS, unique: 2, maxAttempts: 3 });
    await expect(collect(gen)).rejects.toThrow(/lower --unique/);
  });

  it('gives the same rows at any concurrency, in index order, with at most `concurrency` calls in flight', async () => {
    const reply = (r: CaptionRequest): string => (r.attempt === 0 ? `caption ${r.index % 7}` : `caption ${r.index} try ${r.attempt}`);
    const jitter = new Rng(5);
    const delays = Array.from({ length: 200 }, () => jitter.int(8));
    const delay = (r: CaptionRequest): number => delays[(r.index * 3 + r.attempt) % 200];
    const one = new FakeBackend(reply, delay);
    const serial = await collect(new CaptionGenerator(one, { ...OPTIONS, count: 40 }));
    expect(one.maxInFlight).toBe(1);
    const backend = new FakeBackend(reply, delay);
    const parallel = await collect(new CaptionGenerator(backend, { ...OPTIONS, count: 40, concurrency: 5 }));
    expect(parallel).toEqual(serial);
    expect(backend.maxInFlight).toBeGreaterThan(1);
    expect(backend.maxInFlight).toBeLessThanOrEqual(5);
    expect(new Set(serial.map((r) => r.caption)).size).toBe(40);
  });

  it('continues after rows kept from an earlier run, counting their captions as seen', async () => {
    const existing: CaptionRow[] = [
      { index: 0, concept: 'red', caption: 'caption a', scene: null },
      { index: 1, concept: 'blue', caption: 'caption b', scene: null },
    ];
    const backend = new FakeBackend((r) => (r.index === 2 && r.attempt === 0 ? 'caption a' : `caption ${r.index}`));
    const gen = new CaptionGenerator(backend, { ...OPTIONS, count: 4 });
    const rows = await collect(gen, existing);
    expect(rows.map((r) => [r.index, r.caption])).toEqual([
      [2, 'caption 2'],
      [3, 'caption 3'],
    ]);
    expect(backend.calls.map((c) => c.index)).toEqual([2, 2, 3]);
  });

  it('stops the calls in flight when a row fails for good', async () => {
    const backend = new FakeBackend(
      (r) => {
        if (r.index === 3) throw new DataError('server gone');
        return `caption ${r.index}`;
      },
      (r) => (r.index === 3 ? 5 : 30),
    );
    const gen = new CaptionGenerator(backend, { ...OPTIONS, count: 20, concurrency: 4 });
    const rows: CaptionRow[] = [];
    await expect(
      (async () => {
        for await (const row of gen.rows([])) rows.push(row);
      })(),
    ).rejects.toThrow('server gone');
    expect(rows.map((r) => r.index)).toEqual([0, 1, 2]);
    const later = backend.calls.filter((c) => c.index > 3);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((c) => c.signal.aborted)).toBe(true);
    expect(backend.inFlight).toBe(0);
  });
});
