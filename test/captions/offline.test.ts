import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { mentions } from '../../src/captions/postprocess.js';
import { OfflineCaptionBackend, checkOfflineConcepts, offlineConcepts } from '../../src/captions/offline.js';
import { UsageError } from '../../src/common/errors.js';
import { CONCEPTS, HELDOUT_PAIRS, type Scene, sceneHasHeldout, sceneOfRow } from '../../src/scenes/index.js';
import { generateCaptions } from '../../src/stages/generate-captions.js';
import { tempDir } from '../e2e/helpers.js';

const signal = new AbortController().signal;

/** Whether the scene contains what the concept names (the offline backend's promise). */
function sceneHas(scene: Scene, concept: string): boolean {
  const counts = ['one object', 'two objects', 'three objects'];
  if (counts.includes(concept)) return scene.objects.length === counts.indexOf(concept) + 1;
  if (scene.relation === concept) return true;
  const words = concept.split(' ');
  return scene.objects.some((o) => words.every((w) => [o.color, o.shape, o.size].includes(w as never)));
}

describe('offline caption backend', () => {
  it('describes a scene that contains the concept, naming the concept and every object', async () => {
    const backend = new OfflineCaptionBackend({ seed: 1, allowHeldout: true });
    for (const [index, concept] of CONCEPTS.entries()) {
      const { caption, scene } = await backend.caption({ concept, index, attempt: 0, signal });
      expect(sceneHas(scene!, concept), `${concept}: ${JSON.stringify(scene)}`).toBe(true);
      expect(mentions(caption, concept), `${concept}: ${caption}`).toBe(true);
      for (const o of scene!.objects) expect(caption).toMatch(new RegExp(`\\b${o.color} ${o.shape}\\b`));
    }
    expect(backend.counters().requests).toBe(CONCEPTS.length);
  });

  it('is reproducible per (seed, row, attempt), and another attempt phrases another caption', async () => {
    const a = new OfflineCaptionBackend({ seed: 7, allowHeldout: true });
    const b = new OfflineCaptionBackend({ seed: 7, allowHeldout: true });
    const ask = (x: OfflineCaptionBackend, index: number, attempt: number) => x.caption({ concept: 'blue', index, attempt, signal });
    expect(await ask(a, 3, 0)).toEqual(await ask(b, 3, 0));
    const attempts = await Promise.all([0, 1, 2, 3, 4].map((k) => ask(a, 3, k)));
    expect(new Set(attempts.map((r) => r.caption)).size).toBeGreaterThan(1);
  });

  it('never draws a held-out pair when they are forbidden, and does when they are allowed', async () => {
    const count = (allowHeldout: boolean) =>
      Promise.all(
        offlineConcepts(allowHeldout).flatMap((concept, k) =>
          [0, 1, 2].map((j) => new OfflineCaptionBackend({ seed: 2, allowHeldout }).caption({ concept, index: k * 3 + j, attempt: 0, signal })),
        ),
      ).then((rs) => rs.filter((r) => sceneHasHeldout(r.scene!)).length);
    expect(await count(false)).toBe(0);
    expect(await count(true)).toBeGreaterThan(0);
  });

  it('offers the scene world concepts, without the held-out pairs under --no-heldout', () => {
    expect(offlineConcepts(true)).toEqual([...CONCEPTS]);
    const without = offlineConcepts(false);
    expect(without).toHaveLength(CONCEPTS.length - HELDOUT_PAIRS.length);
    for (const [c, s] of HELDOUT_PAIRS) expect(without).not.toContain(`${c} ${s}`);
  });

  it('rejects unknown concepts and forbidden held-out pairs up front, naming the flag', () => {
    expect(() => checkOfflineConcepts(['red', 'dog'], true, '--concepts')).toThrow(UsageError);
    expect(() => checkOfflineConcepts(['dog'], true, '--concepts')).toThrow(/--concepts: 'dog' is not a concept/);
    expect(() => checkOfflineConcepts(['red triangle'], false, '--concepts')).toThrow(/held-out pair/);
    expect(() => checkOfflineConcepts(['red triangle', 'left of'], true, '--concepts')).not.toThrow();
  });

  it('writes the caption table with the described scene in the attribute columns, and resumes to the same table', async () => {
    const dir = tempDir('captions-offline');
    const o = {
      count: 30,
      concepts: offlineConcepts(true),
      balance: 'uniform' as const,
      zipfS: 1,
      seed: 5,
      dedup: true,
      maxAttempts: 10,
      maxWords: 20,
      concurrency: 4,
      flushEvery: 7,
      resume: false,
      generationParams: { backend: 'offline' },
      runParams: {},
    };
    const whole = path.join(dir, 'whole.arrow');
    const metrics = await generateCaptions(new OfflineCaptionBackend({ seed: 5, allowHeldout: true }), { ...o, output: whole });
    const table = tableFromIPC(readFileSync(whole));
    expect(table.numRows).toBe(30);
    expect(JSON.parse(table.schema.metadata.get('causal.metrics')!)).toEqual(metrics);
    expect(metrics.concept_mention_rate).toBe(1);
    // flushed every 7 rows: one record batch per flush
    expect(table.batches.map((b) => b.numRows)).toEqual([7, 7, 7, 7, 2]);
    for (const batch of table.batches) {
      for (let i = 0; i < batch.numRows; i++) {
        const scene = sceneOfRow(batch, i, whole)!;
        const caption = batch.getChild('caption')!.get(i) as string;
        expect(sceneHas(scene, batch.getChild('concept')!.get(i) as string)).toBe(true);
        for (const ob of scene.objects) expect(caption).toContain(`${ob.color} ${ob.shape}`);
      }
    }

    const part = path.join(dir, 'part.arrow');
    await generateCaptions(new OfflineCaptionBackend({ seed: 5, allowHeldout: true }), { ...o, count: 12, output: part });
    await generateCaptions(new OfflineCaptionBackend({ seed: 5, allowHeldout: true }), { ...o, output: part, resume: true });
    const resumed = tableFromIPC(readFileSync(part));
    const rowsOf = (t: typeof table) => t.toArray().map((r) => JSON.stringify(r.toJSON()));
    expect(rowsOf(resumed)).toEqual(rowsOf(table));
  });
});
