import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '../../src/engine/checkpoint.js';
import { openTokenizer } from '../../src/stages/tokenizer-session.js';
import { trainVq, type VqTrainArgs, type VqTrainRequest } from '../../src/stages/train-vq.js';
import { CODEBOOK } from '../../src/vq/quantizer.js';
import { imageInput, rectangles } from '../vq/rectangles.js';

const SHAPE = { height: 8, width: 8, channels: 3 };
const TRAIN = rectangles(64, SHAPE, 1);
const FLAGS: Partial<VqTrainArgs> = { widths: [8, 16], codeDim: 4, codebookSize: 16, batchSize: 16, seed: 2, lr: 3e-3 };
const root = mkdtempSync(path.join(tmpdir(), 'causal-train-vq-'));

function request(dir: string, o: Partial<VqTrainRequest> = {}, flags: Partial<VqTrainArgs> = {}): VqTrainRequest {
  return {
    input: imageInput(TRAIN, SHAPE),
    dir,
    resume: false,
    flags: { ...FLAGS, ...flags },
    run: { device: 'cpu', threads: 1 },
    log: () => {},
    progress: () => {},
    ...o,
  };
}

describe('causal train --task vq (stage)', () => {
  it('learns to reconstruct, uses the codebook, and writes a tokenizer that encodes, looks up and decodes', async () => {
    const dir = path.join(root, 'model');
    const card = await trainVq(request(dir, { evalInput: imageInput(rectangles(32, SHAPE, 9), SHAPE, 'held-out') }, { steps: 150 }));
    expect(card.task).toBe('image-tokenizer');
    expect(card.architecture.grid).toEqual({ height: 2, width: 2 });
    const first = card.history[0];
    const last = card.history[card.history.length - 1];
    expect(last.reconstruction).toBeLessThan(0.6 * first.reconstruction);
    expect(card.metrics.train_set.mse).toBeLessThan(first.reconstruction);
    expect(card.metrics.train_set.codes_used).toBeGreaterThan(4);
    expect(card.metrics.eval!.source).toBe('held-out');
    expect(card.metrics.eval!.images).toBe(32);

    const tok = await openTokenizer(dir, { threads: 1 });
    try {
      expect([tok.codebookSize, tok.codeDim, tok.grid.height, tok.grid.width]).toEqual([16, 4, 2, 2]);
      // codebook.f32 holds exactly the codebook the training state ended with.
      const ckpt = decodeCheckpoint(readFileSync(path.join(dir, 'checkpoint', 'latest.ckpt')), 'ckpt');
      expect(Array.from(tok.codebook)).toEqual(Array.from(ckpt.tensors.get(CODEBOOK)!.data as Float32Array));
      const { tokens, embeddings } = await tok.encode(TRAIN, 64);
      expect(tokens.length).toBe(64 * 4);
      expect(Array.from(embeddings)).toEqual(Array.from(tok.lookup(tokens)));
      const images = await tok.decode(tokens, 64);
      let se = 0;
      for (let i = 0; i < images.length; i++) se += (images[i] - TRAIN[i]) ** 2;
      expect(se / images.length).toBeCloseTo(card.metrics.train_set.mse, 6);
      await expect(tok.decode(Int32Array.of(0, 1, 16, 2), 1)).rejects.toThrow(/token 16 at position 2 is outside the codebook \[0, 15\]/);
    } finally {
      await tok.release();
    }
  });

  it('resumes an interrupted run to the same bytes as an uninterrupted one', async () => {
    const whole = path.join(root, 'whole');
    const cut = path.join(root, 'cut');
    const run = { device: 'cpu' as const, threads: 1, checkpointEvery: 3 };
    await trainVq(request(whole, { run }, { steps: 8 }));
    let seen = 0;
    const stop = (): void => {
      if (++seen === 5) throw new Error('interrupted');
    };
    await expect(trainVq(request(cut, { run, progress: stop }, { steps: 8 }))).rejects.toThrow('interrupted');
    expect(existsSync(path.join(cut, 'model.json'))).toBe(false);
    const lines: string[] = [];
    await trainVq(request(cut, { run, resume: true, log: (l) => lines.push(l) }, {}));
    expect(lines[0]).toMatch(/resuming .* at step 3 of 8/);
    for (const f of ['model.onnx', 'decoder.onnx', 'codebook.f32']) expect(readFileSync(path.join(cut, f)).equals(readFileSync(path.join(whole, f))), f).toBe(true);
  });

  it('refuses images whose size is not divisible by 4, and a changed argument on --resume', async () => {
    const odd = { height: 6, width: 8, channels: 1 };
    await expect(trainVq(request(path.join(root, 'odd'), { input: imageInput(rectangles(4, odd, 1), odd, 'odd.arrow') }, { steps: 1 }))).rejects.toThrow(
      /odd.arrow: images are 6x8; the tokenizer needs a height and width divisible by 4/,
    );
    await expect(trainVq(request(path.join(root, 'whole'), { resume: true }, { codebookSize: 32 }))).rejects.toThrow(/--resume: --codebook-size 32 differs from the checkpoint's 16/);
  });
});
