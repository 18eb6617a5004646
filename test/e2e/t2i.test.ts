import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openGenerator } from '../../src/stages/generator-session.js';
import { toIpc, toyTable } from '../t2i/toy.js';
import { causal, killAtFirstCheckpoint, pipeline, tempDir } from './helpers.js';

let dir: string;
const file = (name: string): string => path.join(dir, name);
/** A tiny generator: 12 steps of batch 16 over 64 token grids (4 steps an epoch). */
const trainArgs = (out: string, seed = 3): string[] =>
  ['train', '--task', 't2i', file('train.arrow'), '--steps', '12', '--batch-size', '16', '--d-model', '16', '--layers', '1', '--heads', '2', '--seed', String(seed), '--threads', '1', '-o', out];
const card = (model: string) => JSON.parse(readFileSync(path.join(model, 'model.json'), 'utf8'));
const bytes = (model: string): Buffer => readFileSync(path.join(model, 'model.onnx'));

beforeAll(async () => {
  dir = tempDir('t2i');
  writeFileSync(file('train.arrow'), toIpc(toyTable({ rows: 64, seed: 1 })));
  writeFileSync(file('one.arrow'), toIpc(toyTable({ rows: 16, seed: 2, references: 'one' })));
  writeFileSync(file('no-tokens.arrow'), toIpc(toyTable({ rows: 4, seed: 3, noTokens: true })));
  writeFileSync(file('no-captions.arrow'), toIpc(toyTable({ rows: 4, seed: 3, noCaptions: true })));
  const r = await causal(trainArgs(file('m1')));
  expect(r.stderr).toMatch(/train: epoch 1 step 4\/12 loss [\d.]+ masked accuracy [\d.]+ ETA/);
  expect(r.stderr).toMatch(/train: 12 steps in .*; masked-token loss [\d.]+, accuracy [\d.]+; \d+ parameters; model in /);
  expect(r.exitCode).toBe(0);
}, 120_000);

describe('causal train --task t2i', () => {
  it('writes model.onnx, model.json (task text-to-image-tokens, vocabulary, grid, codebook size, metrics) and a checkpoint', () => {
    for (const f of ['model.onnx', 'model.json', 'checkpoint/latest.ckpt']) expect(existsSync(path.join(file('m1'), f))).toBe(true);
    const c = card(file('m1'));
    expect(c.task).toBe('text-to-image-tokens');
    expect(c.vocabulary.slice(0, 4)).toEqual(['<pad>', '<bos>', '<eos>', '<unk>']);
    expect([...c.vocabulary].sort()).toEqual(['<bos>', '<eos>', '<pad>', '<unk>', 'blocks', 'blue', 'green', 'red', 'yellow']);
    expect(c.input).toMatchObject({ column: 'tokens', grid: { height: 4, width: 4 }, codebookSize: 8 });
    expect(c.architecture).toMatchObject({ grid: { height: 4, width: 4 }, codebookSize: 8, maskId: 8, dModel: 16, layers: 1, heads: 2, captionLayers: 1, maxLength: 16, dropout: 0.1 });
    expect(c.training).toMatchObject({ stepsTaken: 12, totalSteps: 12, batchSize: 16, seed: 3, condDrop: 0.1, rows: 64, references: 128 });
    expect(c.metrics.train.loss).toBeGreaterThan(0);
    expect(c.metrics.train.accuracy).toBeGreaterThanOrEqual(0);
    expect(c.history).toHaveLength(3);
  });

  it('is reproducible from its seed: same seed, same bytes; another seed, another model', async () => {
    const same = await causal(trainArgs(file('m1-again')));
    expect(same.exitCode).toBe(0);
    expect(Buffer.compare(bytes(file('m1')), bytes(file('m1-again')))).toBe(0);
    // more intra-op threads change no bit either (the embedding gradient once raced above one thread)
    const threaded = await causal([...trainArgs(file('m1-threads2')), '--threads', '2']);
    expect(threaded.exitCode).toBe(0);
    expect(Buffer.compare(bytes(file('m1')), bytes(file('m1-threads2')))).toBe(0);
    const other = await causal(trainArgs(file('m-seed4'), 4));
    expect(other.exitCode).toBe(0);
    expect(Buffer.compare(bytes(file('m1')), bytes(file('m-seed4')))).not.toBe(0);
  }, 120_000);

  it('a run killed mid-way and resumed ends bit-identical to an uninterrupted one', async () => {
    const args = [...trainArgs(file('resumed')), '--checkpoint-every', '3'];
    await killAtFirstCheckpoint(args, file('resumed'));
    expect(existsSync(path.join(file('resumed'), 'model.onnx'))).toBe(false);
    const r = await causal([...args, '--resume']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/resuming .* at step \d+ of 12/);
    expect(Buffer.compare(bytes(file('resumed')), bytes(file('m1')))).toBe(0);
  }, 120_000);

  it('--resume on a finished run rewrites the same model, with the last epoch\'s means, and can score --eval', async () => {
    cpSync(file('m1'), file('finished'), { recursive: true });
    const r = await causal([...trainArgs(file('finished')), '--resume', '--eval', file('one.arrow')]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/resuming .* at step 12 of 12/);
    expect(r.stderr).toMatch(/12 steps in .*; masked-token loss [\d.]+, accuracy [\d.]+; held out [\d.]+, [\d.]+;/);
    expect(Buffer.compare(bytes(file('finished')), bytes(file('m1')))).toBe(0);
    const last = card(file('m1')).history.at(-1);
    expect(card(file('finished')).metrics.train).toEqual({ loss: last.loss, accuracy: last.accuracy });
  }, 120_000);

  it('reads captions from stdin and a `caption` Utf8 column; the generator samples grids deterministically', async () => {
    const r = await pipeline(`cat ${file('one.arrow')} | causal train --task t2i --steps 2 --batch-size 8 --d-model 16 --layers 1 --heads 2 --threads 1 -o ${file('stdin')}`);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(card(file('stdin')).training).toMatchObject({ source: 'stdin', rows: 16, references: 16 });
    const gen = await openGenerator(file('m1'), { threads: 1 });
    try {
      expect(gen.grid).toEqual({ height: 4, width: 4 });
      expect(gen.codebookSize).toBe(8);
      const rows = [{ id: 'a', caption: 'red red blue green' }, { id: 'b', caption: 'an unknown caption' }, { id: 'c', caption: '' }];
      const o = { steps: 4, temperature: 1, guidance: 2, seed: 1 };
      const grids = await gen.sample(rows, o);
      expect(grids).toHaveLength(3 * 16);
      expect(grids.every((t) => t >= 0 && t < 8)).toBe(true);
      expect(Array.from(await gen.sample(rows, o))).toEqual(Array.from(grids));
      expect(Array.from(await gen.sample(rows.slice(1, 2), o))).toEqual(Array.from(grids.subarray(16, 32)));
    } finally {
      await gen.release();
    }
  }, 120_000);

  it('--eval scores the masked-token loss and accuracy on a held-out table, in the log, history and model.json', async () => {
    const r = await causal([...trainArgs(file('evaluated')), '--eval', file('one.arrow'), '--eval-every', '8']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/train: epoch 2 step 8\/12 loss [\d.]+ masked accuracy [\d.]+ eval loss [\d.]+ accuracy [\d.]+ ETA/);
    expect(r.stderr).toMatch(/masked-token loss [\d.]+, accuracy [\d.]+; held out [\d.]+, [\d.]+;/);
    const c = card(file('evaluated'));
    expect(c.metrics.eval).toMatchObject({ rows: 16 });
    expect(c.metrics.eval.positions).toBeGreaterThanOrEqual(16);
    expect(c.metrics.eval.loss).toBeGreaterThan(0);
    expect(c.history.map((h: { eval_loss?: number }) => h.eval_loss !== undefined)).toEqual([false, true, true]);
    expect(c.history[2].eval_loss).toBe(c.metrics.eval.loss);
    // scoring does not touch the training: the weights are those of the run without --eval
    expect(Buffer.compare(bytes(file('evaluated')), bytes(file('m1')))).toBe(0);
    expect(card(file('m1')).metrics.eval).toBeNull();
  }, 120_000);

  it('rejects bad input and misplaced flags with one line', async () => {
    const cases: [string[], number, RegExp][] = [
      [['train', '--task', 't2i', file('no-tokens.arrow'), '-o', file('bad')], 1, /no-tokens.arrow: missing column 'tokens' \(expected FixedSizeList<Int32>/],
      [['train', '--task', 't2i', file('no-captions.arrow'), '-o', file('bad')], 1, /no-captions.arrow: no captions: expected a 'captions' \(List<Utf8>\) or 'caption' \(Utf8\) column/],
      [['train', '--task', 't2i', file('train.arrow'), '--model', 'cnn', '-o', file('bad')], 2, /--model does not apply to --task t2i/],
      [['train', '--task', 't2i', file('train.arrow'), '--eval', file('no-captions.arrow'), '-o', file('bad')], 1, /no-captions.arrow: no captions/],
      [['train', '--task', 't2i', file('train.arrow'), '--ema-decay', '0.9', '-o', file('bad')], 2, /--ema-decay does not apply to --task t2i/],
      [['train', '--task', 't2i', file('train.arrow'), '--codebook-size', '8', '-o', file('bad')], 2, /--codebook-size applies to --task vq/],
      [['train', '--task', 'vq', file('train.arrow'), '--d-model', '32', '-o', file('bad')], 2, /--d-model applies to --task t2i/],
      [['train', '--task', 't2i', file('train.arrow'), '--d-model', '30', '--heads', '4', '-o', file('bad')], 2, /--d-model 30 must be divisible by --heads 4/],
      [['train', '--task', 't2i', file('train.arrow'), '-o', file('m1')], 2, /already holds a model/],
      [['train', '--task', 't2i', file('train.arrow'), '--seed', '9', '--resume', '-o', file('m1')], 2, /--resume: --seed 9 differs from the checkpoint's 3/],
    ];
    for (const [args, code, message] of cases) {
      const r = await causal(args);
      expect(r.exitCode, args.join(' ')).toBe(code);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    await expect(openGenerator(file('no-tokens.arrow'))).rejects.toThrow(/no such model directory/);
    mkdirSync(file('captioner'));
    writeFileSync(path.join(file('captioner'), 'model.json'), JSON.stringify({ format: card(file('m1')).format, task: 'image-captioning' }));
    await expect(openGenerator(file('captioner'))).rejects.toThrow(/task 'image-captioning' is not a text-to-image-token generator; train one with `causal train --task t2i`/);
  }, 120_000);
});
