/** Short Hint-ReLIC training runs through the stage (src/stages/train-clrs.ts): terms finite, contrast falling. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { algorithm } from '../../src/clrs/algorithms/index.js';
import type { ArrowInput } from '../../src/io/arrow-input.js';
import { clrsSampleBatches, clrsSampleSchema } from '../../src/stages/clrs-sample.js';
import { trainClrs, type ClrsModelCard } from '../../src/stages/train-clrs.js';

/** A clrs-sample table of `count` samples at each of the sizes. */
function table(name: string, sizes: number[], count: number): ArrowInput {
  const runs = sizes.map((n) => ({ algorithm: algorithm(name), n, count, seed: n, split: null, batchSize: count }));
  const schema = clrsSampleSchema(runs[0], { stage: 'clrs-sample', seed: 1 });
  async function* batches(): AsyncGenerator<RecordBatch> {
    for (const run of runs) yield* clrsSampleBatches(run, schema);
  }
  return { name: `${name}.arrow`, schema, batches: batches() };
}

async function train(name: string, objective: 'supervised' | 'hint-relic', steps: number, o: { sizes: number[]; hidden: number; teacherForcing?: number } = { sizes: [4, 5, 6, 7], hidden: 16 }): Promise<ClrsModelCard> {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'hint-relic-')), 'm');
  return trainClrs({
    input: table(name, o.sizes, 8),
    dir,
    resume: false,
    flags: { objective, hidden: o.hidden, batchSize: 8, steps, seed: 1, lr: 3e-3, ...(o.teacherForcing === undefined ? {} : { teacherForcing: o.teacherForcing }), ...(objective === 'hint-relic' ? { hintRelic: { weight: 1 } } : {}) },
    run: { device: 'cpu', threads: 1, logEvery: 10 },
    log: () => {},
    progress: () => {},
  });
}

describe('Hint-ReLIC training (bfs, hidden 16, n 4-7)', () => {
  it('trains, reports finite terms and augmentation counts, and the contrastive term falls', async () => {
    const card = await train('bfs', 'hint-relic', 60);
    const h = card.history;
    expect(h).toHaveLength(6);
    for (const e of h) for (const k of ['loss', 'hint_loss', 'output_loss', 'contrastive', 'invariance'] as const) expect(Number.isFinite(e[k])).toBe(true);
    expect(h[h.length - 1].contrastive!).toBeLessThan(0.8 * h[0].contrastive!);
    expect(card.training.hintRelic).toEqual({ weight: 1, invarianceWeight: 1, temperature: 0.2, maxExtra: 4 });
    const a = card.training.augmentation!;
    expect(a.augmented).toBeGreaterThan(0);
    expect(a.notApplicable).toBe(0);
    // Default teacher forcing 0.5: about half the augmented steps after step 0 (which always reads the ground
    // truth) follow an original that read its own hints; bfs at n 4-7 has 2-4 steps, so 20-60% of all of them.
    expect(a.ownHints).toBeGreaterThan(0.2 * a.augmented);
    expect(a.ownHints).toBeLessThan(0.6 * a.augmented);
    expect(Object.keys(card.metrics.train)).toEqual(['loss', 'hint_loss', 'output_loss', 'contrastive', 'invariance']);
  }, 120_000);

  it('keeps every augmented step in the terms under pure teacher forcing, and none after step 0 without it', async () => {
    const forced = (await train('bfs', 'hint-relic', 4, { sizes: [5], hidden: 8, teacherForcing: 1 })).training.augmentation!;
    expect(forced.augmented).toBeGreaterThan(0);
    expect(forced.ownHints).toBe(0);
    // Step 0 always reads the ground truth; at teacher forcing 0 every later step reads the model's own hints.
    const free = (await train('bfs', 'hint-relic', 4, { sizes: [5], hidden: 8, teacherForcing: 0 })).training.augmentation!;
    expect(free.ownHints).toBeGreaterThan(0);
    const kept = free.augmented - free.ownHints;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(4 * 8);
  }, 60_000);

  it('leaves a supervised run without Hint-ReLIC fields', async () => {
    const card = await train('bfs', 'supervised', 2);
    expect(card.training.hintRelic).toBeUndefined();
    expect(card.training.augmentation).toBeUndefined();
    expect(Object.keys(card.history[0] ?? {})).not.toContain('contrastive');
  }, 60_000);
});

describe('Hint-ReLIC on the benchmark pipeline\'s algorithms (hidden 8, n 5, 2 batches)', () => {
  for (const name of ['insertion_sort', 'bubble_sort', 'heapsort', 'dfs', 'dijkstra', 'mst_prim']) {
    it(`${name}: trains with finite terms on verified augmentations`, async () => {
      const card = await train(name, 'hint-relic', 2, { sizes: [5], hidden: 8 });
      for (const k of ['loss', 'contrastive', 'invariance']) expect(Number.isFinite(card.metrics.train[k])).toBe(true);
      expect(card.training.augmentation!.augmented).toBeGreaterThan(0);
    }, 60_000);
  }
});
