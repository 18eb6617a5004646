import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { readInitializers } from '../../src/engine/initializers.js';
import { causal, importFashionFixture, pipeline, tempDir } from './helpers.js';

let dir: string;
let train: string;
let test: string;
// A few steps on small batches: these tests check the plumbing, bench/ssl the learning.
const QUICK = ['--model', 'cnn', '--widths', '8,16', '--steps', '3', '--batch-size', '32', '--seed', '3'];

beforeAll(async () => {
  dir = tempDir('ssl');
  ({ train, test } = await importFashionFixture(dir));
});

function card(model: string): { task: string; objective: string; output: { onnx: Record<string, string> }; metrics: { train: Record<string, number> }; training: { labelledExamples: number } } {
  return JSON.parse(readFileSync(path.join(model, 'model.json'), 'utf8'));
}

describe('causal train with self-supervised objectives', () => {
  for (const objective of ['simclr', 'relic', 'relicv2', 'semppl']) {
    it(`${objective}: trains an encoder that causal embed runs, in a pipe`, async () => {
      const model = path.join(dir, objective);
      const extra = objective === 'semppl' ? ['--labels-fraction', '0.1'] : [];
      const r = await pipeline(`cat ${train} | causal train ${QUICK.join(' ')} --objective ${objective} ${extra.join(' ')} -o ${model} && causal embed --model ${model} --layer projection < ${test}`, {
        encoding: 'buffer',
      });
      expect(r.exitCode, String(r.stderr)).toBe(0);
      const c = card(model);
      expect(c.task).toBe('image-embedding');
      expect(c.objective).toBe(objective);
      expect(Number.isFinite(c.metrics.train.loss)).toBe(true);
      if (objective !== 'simclr') expect(c.metrics.train.invariance).toBeGreaterThanOrEqual(0);
      if (objective === 'semppl') {
        // round(10%) of each class of the 1000-image fixture (classes of 86 to 115 images).
        expect(c.training.labelledExamples).toBe([86, 92, 95, 99, 100, 100, 102, 104, 107, 115].reduce((n, k) => n + Math.round(k / 10), 0));
        expect(c.metrics.train.semantic).toBeGreaterThan(0);
      }
      const t = tableFromIPC(r.stdout as unknown as Uint8Array);
      expect(t.numRows).toBe(500);
      expect(String(t.schema.fields.find((f) => f.name === 'embedding')!.type)).toBe('FixedSizeList[64]<Float32>');
      expect(t.schema.fields.some((f) => f.name === 'prediction')).toBe(false);
    });
  }

  it('probes the trained encoder: embed both splits, then linear and k-NN probes at 10% labels', async () => {
    const model = path.join(dir, 'relic');
    const trainEmb = path.join(dir, 'relic-train.arrow');
    const r = await pipeline(
      `causal embed --model ${model} ${train} > ${trainEmb} && causal embed --model ${model} ${test} | causal eval --probe linear,knn ${trainEmb} --test - --labels-fraction 0.1 --seeds 1,2 --json`,
    );
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const result = JSON.parse(String(r.stdout)) as { runs: { probe: string; seed: number; labelled_rows: number; accuracy: number }[] };
    expect(result.runs.map((x) => `${x.probe} ${x.seed}`).sort()).toEqual(['knn 1', 'knn 2', 'linear 1', 'linear 2']);
    for (const run of result.runs) {
      expect(run.labelled_rows).toBe(101);
      // Chance is 0.1; even a barely trained encoder keeps enough of the image for a probe to clear it.
      expect(run.accuracy).toBeGreaterThan(0.25);
    }
  });

  it('is reproducible: the same seed gives the same model bytes', async () => {
    const a = path.join(dir, 'repro-a');
    const b = path.join(dir, 'repro-b');
    for (const m of [a, b]) expect((await causal(['train', train, ...QUICK, '--objective', 'relicv2', '--threads', '1', '-o', m])).exitCode).toBe(0);
    expect(readFileSync(path.join(a, 'model.onnx')).equals(readFileSync(path.join(b, 'model.onnx')))).toBe(true);
  });

  it('rejects what an objective cannot do, in one line', async () => {
    const cases: [string[], RegExp][] = [
      [['--objective', 'simclr', '--small-views', '2'], /simclr compares exactly two large views/],
      [['--objective', 'relic', '--eval', test], /--eval applies to supervised training/],
      [['--objective', 'semppl', '--labels-fraction', '0'], /--labels-fraction/],
    ];
    for (const [args, message] of cases) {
      const r = await causal(['train', train, ...QUICK, ...args, '-o', path.join(dir, 'bad')]);
      expect(r.exitCode).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('fine-tunes a pretrained encoder: --init carries its trunk over, the classifier layers start fresh', async () => {
    const source = path.join(dir, 'relic');
    const tuned = path.join(dir, 'tuned');
    // At lr 0 the trained weights stay as they started, so the exported model shows where each one came from.
    const r = await causal(['train', train, ...QUICK, '--objective', 'supervised', '--labels-fraction', '0.1', '--lr', '0', '--init', source, '-o', tuned]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/weights from .*relic; initialised afresh: cnn\.dense\.weight, cnn\.dense\.bias, head\.weight, head\.bias/);
    const from = readInitializers(readFileSync(path.join(source, 'model.onnx')), 'source');
    const got = readInitializers(readFileSync(path.join(tuned, 'model.onnx')), 'tuned');
    for (const name of ['cnn.conv0.conv.weight', 'cnn.conv1.conv.weight', 'cnn.conv1.bn.scale']) {
      expect(Array.from(got.get(name)!.data as Float32Array), name).toEqual(Array.from(from.get(name)!.data as Float32Array));
    }
    expect(JSON.parse(readFileSync(path.join(tuned, 'model.json'), 'utf8')).training.init).toBe(source);

    const scratch = path.join(dir, 'scratch');
    expect((await causal(['train', train, ...QUICK, '--objective', 'supervised', '--labels-fraction', '0.1', '--lr', '0', '-o', scratch])).exitCode).toBe(0);
    const fresh = readInitializers(readFileSync(path.join(scratch, 'model.onnx')), 'scratch');
    expect(Array.from(fresh.get('cnn.conv0.conv.weight')!.data as Float32Array)).not.toEqual(Array.from(from.get('cnn.conv0.conv.weight')!.data as Float32Array));
  });

  it('rejects an --init model that does not fit, naming the flag, and writes nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['--init', path.join(dir, 'relic'), '--widths', '8,32'], /--init .*relic: its --widths is "8,16" but this run's is "8,32"/],
      [['--init', path.join(dir, 'relic'), '--model', 'mlp'], /--init .*relic: its --model is "cnn" but this run's is "mlp"/],
      [['--init', path.join(dir, 'missing')], /missing: no such model directory/],
    ];
    for (const [args, message] of cases) {
      const out = path.join(dir, 'bad-init');
      const r = await causal(['train', train, ...QUICK, '--labels-fraction', '0.1', ...args, '-o', out]);
      expect(r.exitCode).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('refuses to evaluate an encoder as a classifier, pointing at embed and the probes', async () => {
    const r = await causal(['eval', '--model', path.join(dir, 'relic'), test]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/not an image classifier.*causal embed/);
  });
});
