import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { causal, pipeline, tempDir } from './helpers.js';

/** `causal train --task clrs ARGS` into a fresh directory; it must succeed. Returns the directory and its model.json. */
async function trainClrs(args: string[]) {
  const m = path.join(tempDir('clrs-train'), 'm');
  const r = await causal(['train', '--task', 'clrs', ...args, '-o', m]);
  expect(r.exitCode, r.stderr as string).toBe(0);
  return { m, card: JSON.parse(readFileSync(path.join(m, 'model.json'), 'utf8')) };
}

describe('causal train --task clrs / causal eval --task clrs', () => {
  it('trains on a sampled bfs table, evaluates with the benchmark metric, and resumes', async () => {
    const dir = tempDir('clrs-train');
    const r0 = await pipeline(
      `cd ${dir} && causal clrs sample --algorithm bfs --n 5 --count 16 --seed 1 -q > train.arrow && ` +
        'causal clrs sample --algorithm bfs --n 7 --count 8 --seed 2 -q > test.arrow',
    );
    expect(r0.exitCode, r0.stderr as string).toBe(0);
    const m = path.join(dir, 'm');
    const r1 = await causal(['train', '--task', 'clrs', '--algorithm', 'bfs', path.join(dir, 'train.arrow'), '--steps', '20', '--clrs-hidden', '32', '-o', m]);
    expect(r1.exitCode, r1.stderr as string).toBe(0);
    const card = JSON.parse(readFileSync(path.join(m, 'model.json'), 'utf8'));
    expect(card).toMatchObject({ task: 'clrs-step', algorithm: 'bfs', architecture: { processor: 'triplet_gmpnn', hidden: 32 }, training: { batches: 20, steps: 20 } });
    expect(Object.keys(card.onnx.inputs)).toEqual(['input.pos', 'input.s', 'input.A', 'input.adj', 'hint.reach_h', 'hint.pi_h', 'hidden']);

    const r2 = await causal(['eval', '--task', 'clrs', '--model', m, path.join(dir, 'test.arrow'), '--json']);
    expect(r2.exitCode, r2.stderr as string).toBe(0);
    const e = JSON.parse(r2.stdout as string);
    expect(e).toMatchObject({ algorithm: 'bfs', samples: 8, sizes: { 7: 8 } });
    expect(e.outputs.pi).toMatchObject({ type: 'pointer', metric: 'accuracy', count: 56 });
    expect(e.score).toBe(e.outputs.pi.value);
    expect(e.hints.reach_h.metric).toBe('f1');

    // Arrow to stdout, and sampling the test set on the fly
    const r3 = await causal(['eval', '--task', 'clrs', '--model', m, '--n', '6', '--count', '4', '--seed', '3'], { encoding: 'buffer' });
    expect(r3.exitCode).toBe(0);
    const t = tableFromIPC(r3.stdout as Uint8Array);
    expect(t.getChild('probe')!.toArray()).toEqual(['pi', 'reach_h', 'pi_h']);

    // resume: a finished run stays finished, with its last training means; changed arguments are refused
    const r4 = await causal(['train', '--task', 'clrs', path.join(dir, 'train.arrow'), '-o', m, '--resume', '--steps', '25']);
    expect(r4.exitCode).toBe(2);
    expect(r4.stderr).toMatch(/--steps 25 differs from the checkpoint's 20/);
    const r5 = await causal(['train', '--task', 'clrs', path.join(dir, 'train.arrow'), '-o', m, '--resume']);
    expect(r5.exitCode, r5.stderr as string).toBe(0);
    const again = JSON.parse(readFileSync(path.join(m, 'model.json'), 'utf8'));
    const last = again.history.at(-1);
    expect(again.metrics.train).toEqual({ loss: last.loss, hint_loss: last.hint_loss, output_loss: last.output_loss });
  }, 120_000);

  it('samples on the fly with --processor mpnn', async () => {
    const { card } = await trainClrs(['--algorithm', 'insertion_sort', '--processor', 'mpnn', '--steps', '3', '--batch-size', '4', '--clrs-hidden', '16']);
    expect(card.training.source).toMatch(/on the fly/);
    expect(card.training.updates).toBe(3 + 6 + 10); // n = 4, 7, 11: n - 1 steps each
  }, 120_000);

  it('--teacher-forcing: below 1, training reads its own decoded hints; the default is 0.5', async () => {
    const dir = tempDir('clrs-tf');
    const base = ['train', '--task', 'clrs', '--algorithm', 'insertion_sort', '--steps', '3', '--batch-size', '4', '--clrs-hidden', '16', '--seed', '2', '--threads', '1'];
    const bytes = async (name: string, extra: string[]): Promise<Buffer> => {
      const r = await causal([...base, ...extra, '-o', path.join(dir, name)]);
      expect(r.exitCode, r.stderr as string).toBe(0);
      return readFileSync(path.join(dir, name, 'model.onnx'));
    };
    const plain = await bytes('plain', []);
    expect((await bytes('tf-half', ['--teacher-forcing', '0.5'])).equals(plain)).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'plain', 'model.json'), 'utf8')).training.teacherForcing).toBe(0.5);
    // Fed its own (untrained, so mostly wrong) hints from step 1 on, the same batches give other gradients.
    const forced = await bytes('tf1', ['--teacher-forcing', '1']);
    expect((await bytes('tf0', ['--teacher-forcing', '0'])).equals(forced)).toBe(false);
    expect(forced.equals(plain)).toBe(false);
    expect((await bytes('tf0-again', ['--teacher-forcing', '0'])).equals(await bytes('tf0-b', ['--teacher-forcing', '0']))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'tf0', 'model.json'), 'utf8')).training.teacherForcing).toBe(0);

    const bad = await causal([...base, '--teacher-forcing', '1.5', '-o', path.join(dir, 'bad')]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--teacher-forcing/);
    const image = await causal(['train', '--model', 'mlp', '--teacher-forcing', '0.5', '-o', path.join(dir, 'bad')]);
    expect(image.exitCode).toBe(2);
    expect(image.stderr).toMatch(/--teacher-forcing applies to --task clrs/);
  }, 120_000);

  it('refuses bad inputs with one-line errors', async () => {
    const dir = tempDir('clrs-train');
    await pipeline(`causal clrs sample --algorithm dfs --n 4 --count 2 -q > ${dir}/dfs.arrow`);
    const other = await causal(['train', '--task', 'clrs', '--algorithm', 'bfs', `${dir}/dfs.arrow`, '--steps', '1', '-o', `${dir}/m`]);
    expect(other.exitCode).toBe(1);
    expect(other.stderr).toMatch(/holds dfs samples, not bfs/);
    expect((other.stderr as string).trim().split('\n')).toHaveLength(1);

    const proc = await causal(['train', '--task', 'clrs', '--algorithm', 'bfs', '--processor', 'gat', '-o', `${dir}/m`]);
    expect(proc.exitCode).toBe(2);
    expect(proc.stderr).toMatch(/--processor must be one of triplet_gmpnn, mpnn; got 'gat'/);

    const hidden = await causal(['train', '--task', 'clrs', '--algorithm', 'bfs', '--hidden', '64', '-o', `${dir}/m`]);
    expect(hidden.exitCode).toBe(2);
    expect(hidden.stderr).toMatch(/--hidden does not apply to --task clrs/);

    const notClrs = await causal(['train', '--algorithm', 'bfs', '--model', 'mlp', '-o', `${dir}/m`]);
    expect(notClrs.exitCode).toBe(2);
    expect(notClrs.stderr).toMatch(/--algorithm applies to --task clrs/);

    const noModel = await causal(['eval', '--task', 'clrs', `${dir}/dfs.arrow`]);
    expect(noModel.exitCode).toBe(2);
    expect(noModel.stderr).toMatch(/--task clrs needs --model/);
  }, 120_000);

  it('trains with --objective hint-relic and evaluates the model as usual', async () => {
    const { m, card } = await trainClrs(['--algorithm', 'bfs', '--objective', 'hint-relic', '--steps', '5']);
    expect(card.training).toMatchObject({ batches: 5, hintRelic: { weight: 0.1, invarianceWeight: 1, temperature: 0.2, maxExtra: 4 } });
    expect(card.training.augmentation.augmented).toBeGreaterThan(0);
    for (const k of ['contrastive', 'invariance']) expect(Number.isFinite(card.metrics.train[k])).toBe(true);
    expect(Object.keys(card.onnx.inputs)).toEqual(['input.pos', 'input.s', 'input.A', 'input.adj', 'hint.reach_h', 'hint.pi_h', 'hidden']);

    const r2 = await causal(['eval', '--task', 'clrs', '--model', m, '--n', '8', '--count', '8', '--json']);
    expect(r2.exitCode, r2.stderr as string).toBe(0);
    const e = JSON.parse(r2.stdout as string);
    expect(e).toMatchObject({ algorithm: 'bfs', samples: 8 });
    expect(Number.isFinite(e.score)).toBe(true);
  }, 180_000);

  it('refuses --objective hint-relic where it cannot apply, in one line', async () => {
    const dir = tempDir('clrs-hint-relic');
    const none = await causal(['train', '--task', 'clrs', '--algorithm', 'kmp_matcher', '--objective', 'hint-relic', '-o', `${dir}/m`]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/--objective hint-relic: no augmentation rule for CLRS algorithm 'kmp_matcher'/);
    expect((none.stderr as string).trim().split('\n')).toHaveLength(1);

    const image = await causal(['train', '--task', 'clrs', '--algorithm', 'bfs', '--objective', 'simclr', '-o', `${dir}/m`]);
    expect(image.exitCode).toBe(2);
    expect(image.stderr).toMatch(/--objective simclr does not apply to --task clrs/);

    const weight = await causal(['train', '--task', 'clrs', '--algorithm', 'bfs', '--hint-relic-weight', '1', '-o', `${dir}/m`]);
    expect(weight.exitCode).toBe(2);
    expect(weight.stderr).toMatch(/--hint-relic-weight applies to --task clrs with --objective hint-relic/);

    const extra = await causal(['train', '--task', 'clrs', '--algorithm', 'bfs', '--max-extra', '2', '-o', `${dir}/m`]);
    expect(extra.exitCode).toBe(2);
    expect(extra.stderr).toMatch(/--max-extra applies to --task clrs with --objective hint-relic/);
    const zero = await causal(['train', '--task', 'clrs', '--algorithm', 'bfs', '--objective', 'hint-relic', '--max-extra', '0', '-o', `${dir}/m`]);
    expect(zero.exitCode).toBe(2);
    expect(zero.stderr).toMatch(/--max-extra/);
  }, 60_000);

  it('--max-extra reaches the augmentations and model.json', async () => {
    const { card } = await trainClrs(['--algorithm', 'bfs', '--objective', 'hint-relic', '--max-extra', '1', '--steps', '2', '--clrs-hidden', '8']);
    expect(card.training.hintRelic.maxExtra).toBe(1);
    expect(card.training.augmentation.augmented).toBeGreaterThan(0);
  }, 60_000);
});
