/** Can the captioner learn at all: captions that are a function of the image tokens, read back from new images. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArrowInput } from '../../src/io/arrow-input.js';
import { caption } from '../../src/stages/caption.js';
import { trainVlm } from '../../src/stages/train-vlm.js';
import { toyTable, type Toy } from './toy.js';

function input(t: Toy, name: string): ArrowInput {
  return {
    name,
    schema: t.batches[0].schema,
    batches: (async function* () {
      yield* t.batches;
    })(),
  };
}

describe('captioner learnability', () => {
  it('reaches high token accuracy, and captions unseen images correctly', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'causal-vlm-learn-')), 'model');
    const card = await trainVlm({
      input: input(toyTable({ rows: 512, seed: 1, references: 'one' }), 'train'),
      dir,
      resume: false,
      flags: { dModel: 32, layers: 1, heads: 2, latents: 4, dropout: 0, lr: 3e-3, warmup: 20, batchSize: 32, steps: 300, seed: 2 },
      run: { device: 'cpu', threads: 1 },
      log: () => {},
      progress: () => {},
    });
    // chance is about 0.6 here ('a' and <eos> are free; size 1/2, colour and shape 1/4 each)
    expect(card.metrics.train.token_accuracy).toBeGreaterThan(0.95);
    const test = toyTable({ rows: 64, seed: 99, references: 'one' });
    const out = await caption(input(test, 'test'), dir, { threads: 1 }, { beam: 1, batchSize: 32, column: 'caption', report: false, reportRows: 0, provenance: { stage: 'caption' } });
    const got = out.batches.flatMap((b) => b.getChild('caption')!.toArray() as string[]);
    const exact = got.filter((c, i) => c === test.captions[i]).length / got.length;
    expect(exact).toBeGreaterThan(0.9);
  });
});
