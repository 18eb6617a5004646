import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { toIpc, toyTable } from '../vlm/toy.js';
import { causal, killAtFirstCheckpoint, pipeline, tempDir } from './helpers.js';

let dir: string;
const file = (name: string): string => path.join(dir, name);
/** A small, fast captioner: 20 steps of batch 16 over 128 images (8 steps an epoch). */
const trainArgs = (out: string, seed = 3): string[] =>
  ['train-vlm', file('train.arrow'), '--steps', '20', '--batch-size', '16', '--d-model', '32', '--layers', '1', '--heads', '2', '--latents', '4', '--dropout', '0.1', '--seed', String(seed), '--threads', '1', '-o', out];
const card = (model: string) => JSON.parse(readFileSync(path.join(model, 'model.json'), 'utf8'));

beforeAll(async () => {
  dir = tempDir('vlm');
  writeFileSync(file('train.arrow'), toIpc(toyTable({ rows: 128, seed: 1 })));
  writeFileSync(file('test.arrow'), toIpc(toyTable({ rows: 40, seed: 2, image: true })));
  writeFileSync(file('one.arrow'), toIpc(toyTable({ rows: 48, seed: 4, references: 'one' })));
  writeFileSync(file('bare.arrow'), toIpc(toyTable({ rows: 8, seed: 5, noCaptions: true })));
  const r = await causal(trainArgs(file('m1')));
  expect(r.stderr).toMatch(/train-vlm: epoch 1 step 8\/20 loss [\d.]+ token accuracy [\d.]+ \d+ pairs\/s ETA/);
  expect(r.exitCode).toBe(0);
}, 120_000);

describe('causal train-vlm', () => {
  it('writes model.onnx, model.json (task image-captioning, vocabulary, metrics) and a checkpoint', () => {
    for (const f of ['model.onnx', 'model.json', 'checkpoint/latest.ckpt']) expect(existsSync(path.join(file('m1'), f))).toBe(true);
    const c = card(file('m1'));
    expect(c.task).toBe('image-captioning');
    expect(c.vocabulary.slice(0, 4)).toEqual(['<pad>', '<bos>', '<eos>', '<unk>']);
    expect(c.vocabulary).toEqual(expect.arrayContaining(['a', 'big', 'small', 'red', 'circle', 'there', 'that']));
    expect(c.input.grid).toMatchObject({ height: 2, width: 2, dim: 8, codebookSize: 8 });
    expect(c.architecture).toMatchObject({ dModel: 32, layers: 1, heads: 2, latents: 4, maxLength: 16 });
    expect(c.training).toMatchObject({ stepsTaken: 20, totalSteps: 20, batchSize: 16, seed: 3, sources: [{ rows: 128, references: 384, share: 1 }] });
    expect(c.metrics.train.loss).toBeGreaterThan(0);
    expect(c.metrics.train.token_accuracy).toBeGreaterThan(0);
    expect(c.history).toHaveLength(3);
  });

  it('is reproducible from its seed: same seed, same bytes; another seed, another model', async () => {
    const same = await causal(trainArgs(file('m1-again')));
    expect(same.exitCode).toBe(0);
    expect(Buffer.compare(readFileSync(path.join(file('m1'), 'model.onnx')), readFileSync(path.join(file('m1-again'), 'model.onnx')))).toBe(0);
    const other = await causal(trainArgs(file('m-seed4'), 4));
    expect(other.exitCode).toBe(0);
    expect(Buffer.compare(readFileSync(path.join(file('m1'), 'model.onnx')), readFileSync(path.join(file('m-seed4'), 'model.onnx')))).not.toBe(0);
  }, 120_000);

  it('mixes synthetic pairs from stdin with --real ones at --mix, or in proportion to the row counts', async () => {
    const common = '--steps 4 --batch-size 16 --d-model 16 --layers 1 --heads 2 --latents 2 --threads 1';
    const r = await pipeline(`cat ${file('train.arrow')} | causal train-vlm --real ${file('one.arrow')} --mix 0.25 ${common} -o ${file('mixed')}`);
    expect(r.exitCode).toBe(0);
    expect(card(file('mixed')).training.sources).toMatchObject([
      { name: 'stdin', rows: 128, share: 0.25 },
      { rows: 48, references: 48, share: 0.75 },
    ]);
    const p = await pipeline(`cat ${file('train.arrow')} | causal train-vlm --real ${file('one.arrow')} ${common} -o ${file('proportional')}`);
    expect(p.exitCode).toBe(0);
    expect(card(file('proportional')).training.sources.map((s: { share: number }) => s.share)).toEqual([128 / 176, 48 / 176]);
  }, 120_000);

  it('a run killed mid-way and resumed ends bit-identical to an uninterrupted one', async () => {
    const args = [...trainArgs(file('resumed')), '--checkpoint-every', '3'];
    await killAtFirstCheckpoint(args, file('resumed'));
    expect(existsSync(path.join(file('resumed'), 'model.onnx'))).toBe(false);
    const r = await causal([...args, '--resume']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/resuming .* at step \d+ of 20/);
    expect(Buffer.compare(readFileSync(path.join(file('resumed'), 'model.onnx')), readFileSync(path.join(file('m1'), 'model.onnx')))).toBe(0);
  }, 120_000);

  it('--resume on a finished run rewrites the same model with the last epoch\'s means', async () => {
    cpSync(file('m1'), file('finished'), { recursive: true });
    const r = await causal([...trainArgs(file('finished')), '--resume']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/train-vlm: 20 steps in .*, loss [\d.]+, token accuracy [\d.]+,/);
    expect(Buffer.compare(readFileSync(path.join(file('finished'), 'model.onnx')), readFileSync(path.join(file('m1'), 'model.onnx')))).toBe(0);
    const last = card(file('m1')).history.at(-1);
    expect(card(file('finished')).metrics.train).toEqual({ loss: last.loss, token_accuracy: last.token_accuracy });
  }, 120_000);

  it('fails with one line on a table without captions, and on --mix without --real', async () => {
    const r = await causal(['train-vlm', file('bare.arrow'), '--steps', '2', '-o', file('bare-model')]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bare\.arrow: no captions: expected a 'captions' \(List<Utf8>\) or 'caption' \(Utf8\) column/);
    const m = await causal(['train-vlm', file('train.arrow'), '--mix', '0.5', '-o', file('nomix')]);
    expect(m.exitCode).toBe(2);
    expect(m.stderr).toMatch(/--mix needs --real/);
  });
});

describe('causal caption', () => {
  it('appends a caption column in a pipe, passing every column through, the same for the same model', async () => {
    const run = (model: string) => pipeline(`cat ${file('test.arrow')} | causal caption --model ${model} --beam 2 --report ${file('report.html')} --report-rows 5 | cat`, { encoding: 'buffer' });
    const r = await run(file('m1'));
    expect(r.exitCode).toBe(0);
    const t = tableFromIPC(r.stdout as Uint8Array);
    expect(t.schema.fields.map((f) => f.name)).toEqual(['id', 'embedding', 'image', 'captions', 'caption']);
    expect(String(t.schema.fields[4].type)).toBe('Utf8');
    expect(t.schema.fields[1].metadata.get('grid_height')).toBe('2');
    expect(t.schema.metadata.get('causal.stage')).toBe('caption');
    expect(t.numRows).toBe(40);
    const captions = t.getChild('caption')!.toArray() as string[];
    for (const c of captions) expect(c).toMatch(/^[a-z' -]*$/);
    const again = await run(file('m1-again'));
    expect(tableFromIPC(again.stdout as Uint8Array).getChild('caption')!.toArray()).toEqual(captions);

    const html = readFileSync(file('report.html'), 'utf8');
    expect(html.match(/<img [^>]*src="data:image\/png;base64,/g)).toHaveLength(5);
    expect(html).toContain(captions[0].replace(/'/g, '&#39;'));
    expect(html).toContain('there is a');
    expect(html).toContain('beam search, beam 2');
  }, 120_000);

  it('refuses a longer --max-length than the model has positions for, and embeddings of another grid', async () => {
    const r = await causal(['caption', file('test.arrow'), '--model', file('m1'), '--max-length', '40']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--max-length 40: the model in .* has positions for 16 words at most/);
    writeFileSync(file('wide.arrow'), toIpc(toyTable({ rows: 4, seed: 6, width: 3 })));
    const g = await causal(['caption', file('wide.arrow'), '--model', file('m1')]);
    expect(g.exitCode).toBe(1);
    expect(g.stderr).toMatch(/wide\.arrow: embeddings are 2x3 tokens of 8 but the model in .* takes 2x2 tokens of 8/);
  });
});
