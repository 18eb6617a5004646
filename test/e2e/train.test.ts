import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RecordBatchStreamWriter, Schema, tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchOf, fixedListData, imageField, int32Data, labelField } from '../../src/io/images.js';
import { causal, killAtFirstCheckpoint, importFashionFixture, pipeline, tempDir } from './helpers.js';

let dir: string;
let train: string;
let test: string;

const PYTHON = '/usr/bin/python3';

function hasPythonOnnx(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import onnx'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** An image table of `rows` random images of the given shape and labels (for bad-input cases). */
function writeImages(file: string, rows: number, shape: { height: number; width: number; channels: number }, labels: number[]): string {
  const schema = new Schema([imageField('image', shape), labelField('label')]);
  const px = Float32Array.from({ length: rows * shape.height * shape.width * shape.channels }, (_, i) => (i % 7) / 7);
  const batches = [batchOf(schema, [fixedListData(schema.fields[0], px, rows), int32Data(Int32Array.from(labels))])];
  writeFileSync(file, RecordBatchStreamWriter.writeAll(batches).toUint8Array(true));
  return file;
}

/** The JSON header of a checkpoint file (see src/engine/checkpoint.ts). */
function checkpointStep(modelDir: string): number {
  const bytes = readFileSync(path.join(modelDir, 'checkpoint', 'latest.ckpt'));
  const n = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.subarray(12, 12 + n).toString('utf8')) as { tensors: { name: string; offset: number }[] };
  const step = header.tensors.find((t) => t.name === 'step')!;
  return bytes.readDoubleLE(Math.ceil((12 + n) / 8) * 8 + step.offset);
}

beforeAll(async () => {
  dir = tempDir('train');
  ({ train, test } = await importFashionFixture(dir));
});

describe('causal import fashion-mnist', () => {
  it('reads the IDX files into image (FixedSizeList<Float32>, 28x28x1) and label (Int32) columns', () => {
    const t = tableFromIPC(readFileSync(train));
    expect(t.numRows).toBe(1000);
    const image = t.schema.fields.find((f) => f.name === 'image')!;
    expect(String(image.type)).toBe('FixedSizeList[784]<Float32>');
    expect(Object.fromEntries(image.metadata)).toEqual({ height: '28', width: '28', channels: '1' });
    expect(String(t.schema.fields.find((f) => f.name === 'label')!.type)).toBe('Int32');
    expect(t.schema.metadata.get('causal.stage')).toBe('import');
    const px = t.getChild('image')!.get(0)!.toArray() as Float32Array;
    expect(Math.max(...px)).toBeLessThanOrEqual(1);
    expect(t.getChild('id')!.get(0)).toBe('train-000');
  });

  it('names the missing file and the package to install', async () => {
    const r = await causal(['import', 'fashion-mnist', '--dir', dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/train-images-idx3-ubyte\[\.gz\] not found/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('causal train, eval --model, embed', () => {
  const model = () => path.join(dir, 'mlp');

  beforeAll(async () => {
    const r = await causal(['train', train, '--model', 'mlp', '--objective', 'supervised', '--epochs', '2', '--batch-size', '64', '--eval', test, '--seed', '3', '-o', model()]);
    expect(r.stderr).toMatch(/epoch 2 step 30\/30 loss [\d.]+ eval accuracy 0\.\d+ \d+ examples\/s ETA/);
    expect(r.exitCode).toBe(0);
  });

  it('writes model.onnx, model.json and a checkpoint', () => {
    for (const f of ['model.onnx', 'model.json', 'checkpoint/latest.ckpt']) expect(existsSync(path.join(model(), f))).toBe(true);
    const card = JSON.parse(readFileSync(path.join(model(), 'model.json'), 'utf8'));
    expect(card.architecture.architecture).toBe('mlp');
    expect(card.input).toMatchObject({ column: 'image', height: 28, width: 28, channels: 1 });
    expect(card.output.classes).toBe(10);
    expect(card.training).toMatchObject({ model: 'mlp', seed: 3, batchSize: 64, epochs: 2, stepsTaken: 30 });
    expect(card.metrics.eval.accuracy).toBeGreaterThan(0.6);
    expect(card.versions.causal).toBeDefined();
    expect(card.history).toHaveLength(2);
  });

  it('eval --model reproduces the training-time predictions in a new ONNX Runtime session', async () => {
    const card = JSON.parse(readFileSync(path.join(model(), 'model.json'), 'utf8'));
    const plot = path.join(dir, 'confusion.svg');
    const r = await pipeline(`causal eval --model ${model()} --json --plot ${plot} < ${test}`);
    expect(r.exitCode).toBe(0);
    const m = JSON.parse(r.stdout as string);
    expect(m.accuracy).toBe(card.metrics.eval.accuracy);
    expect(m.predictions_sha256).toBe(card.metrics.eval.predictions_sha256);
    expect(m.confusion).toHaveLength(10);
    expect(r.stderr).toMatch(/precision/);
    expect(readFileSync(plot, 'utf8')).toMatch(/^<svg/);
    const arrow = await causal(['eval', '--model', model(), test, '-q'], { encoding: 'buffer' });
    const t = tableFromIPC(arrow.stdout as Buffer);
    expect(t.numRows).toBe(10);
    expect(t.getChild('name')!.get(0)).toBe('T-shirt/top');
  });

  it('embed writes one embedding per image with id and label passed through', async () => {
    const r = await pipeline(`causal embed --model ${model()} ${test}`, { encoding: 'buffer' });
    expect(r.exitCode).toBe(0);
    const t = tableFromIPC(r.stdout as Buffer);
    expect(t.numRows).toBe(500);
    expect(t.schema.fields.map((f) => f.name)).toEqual(['id', 'label', 'embedding', 'prediction']);
    expect(String(t.schema.fields[2].type)).toBe('FixedSizeList[256]<Float32>');
    expect(t.schema.metadata.get('causal.stage')).toBe('embed');
  });

  // Needs Debian's python3-onnx, which the product does not depend on: skipped (and reported so) without it.
  it.skipIf(!hasPythonOnnx())('the exported model passes onnx.checker', () => {
    const out = execFileSync(PYTHON, ['-c', `import onnx; m = onnx.load(${JSON.stringify(path.join(model(), 'model.onnx'))}); onnx.checker.check_model(m, full_check=True); print('ok')`]);
    expect(out.toString().trim()).toBe('ok');
  });

  it('refuses to overwrite a model without --resume', async () => {
    const r = await causal(['train', train, '--model', 'mlp', '-o', model()]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/already holds a model; continue it with --resume/);
  });
});

describe('resume and divergence', () => {
  const args = (out: string) => ['train', train, '--model', 'cnn', '--widths', '4,8', '--dropout', '0.2', '--epochs', '2', '--batch-size', '32', '--checkpoint-every', '3', '--seed', '5', '--threads', '1', '-o', out, '-q'];

  it('a run killed mid-way and resumed ends with the same parameters as an uninterrupted run (bit-identical)', async () => {
    const whole = path.join(dir, 'whole');
    const resumed = path.join(dir, 'resumed');
    const w = await causal(args(whole));
    expect(w.exitCode).toBe(0);
    await killAtFirstCheckpoint(args(resumed), resumed);
    const at = checkpointStep(resumed);
    expect(at).toBeLessThan(62);
    expect(existsSync(path.join(resumed, 'model.onnx'))).toBe(false);
    const r = await causal([...args(resumed), '--resume'].filter((a) => a !== '-q'));
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`resuming .* at step ${at} of 62`));
    expect(Buffer.compare(readFileSync(path.join(resumed, 'model.onnx')), readFileSync(path.join(whole, 'model.onnx')))).toBe(0);
  }, 120_000);

  it('--resume on a finished run rewrites the same model and keeps the last epoch\'s training means', async () => {
    const whole = path.join(dir, 'whole');
    const finished = path.join(dir, 'finished');
    cpSync(whole, finished, { recursive: true });
    const r = await causal([...args(finished), '--resume']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(Buffer.compare(readFileSync(path.join(finished, 'model.onnx')), readFileSync(path.join(whole, 'model.onnx')))).toBe(0);
    const card = JSON.parse(readFileSync(path.join(finished, 'model.json'), 'utf8'));
    const last = card.history.at(-1);
    expect(Object.keys(card.metrics.train).sort()).toEqual(['accuracy', 'loss']);
    expect(card.metrics.train).toEqual({ loss: last.loss, accuracy: last.accuracy });
    expect(JSON.parse(readFileSync(path.join(whole, 'model.json'), 'utf8')).metrics.train.loss).toBeCloseTo(last.loss, 10);
  }, 120_000);

  it('--resume refuses a changed training argument', async () => {
    const r = await causal([...args(path.join(dir, 'whole')), '--resume', '--lr', '0.5']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--resume: --lr 0.5 differs from the checkpoint's/);
  });

  it('a NaN loss stops training with a clear message and keeps the last good checkpoint', async () => {
    const out = path.join(dir, 'diverged');
    const r = await causal(['train', train, '--model', 'mlp', '--optimizer', 'sgd', '--lr', '1e30', '--epochs', '1', '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/training diverged: the loss was (NaN|Infinity) at step (\d+).*the last good state \(step \d+\) is kept in the checkpoint/);
    const failed = Number(/at step (\d+)/.exec(r.stderr)![1]);
    expect(checkpointStep(out)).toBe(failed - 1);
    expect(existsSync(path.join(out, 'model.onnx'))).toBe(false);
  });
});

describe('bad input', () => {
  it('wrong image size for the model', async () => {
    const small = writeImages(path.join(dir, 'small.arrow'), 4, { height: 14, width: 14, channels: 1 }, [0, 1, 2, 3]);
    const r = await causal(['eval', '--model', path.join(dir, 'mlp'), small]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/small\.arrow: images are 14x14x1 but the model in .* takes 28x28x1/);
  });

  it('labels out of range', async () => {
    const bad = writeImages(path.join(dir, 'labels.arrow'), 3, { height: 28, width: 28, channels: 1 }, [0, 12, 1]);
    const r = await causal(['eval', '--model', path.join(dir, 'mlp'), bad]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/labels\.arrow: row 1: label 12 is out of range \[0, 9\]/);
    const t = await causal(['train', bad, '--model', 'mlp', '--classes', '10', '-o', path.join(dir, 'bad-labels')]);
    expect(t.exitCode).toBe(1);
    expect(t.stderr).toMatch(/row 1: label 12 is out of range \[0, 9\]/);
  });

  it('empty table', async () => {
    const empty = path.join(dir, 'empty.arrow');
    const schema = new Schema([imageField('image', { height: 28, width: 28, channels: 1 }), labelField('label')]);
    const { Table } = await import('apache-arrow');
    writeFileSync(empty, RecordBatchStreamWriter.writeAll(new Table(schema)).toUint8Array(true));
    const r = await causal(['train', empty, '--model', 'mlp', '-o', path.join(dir, 'empty-model')]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/empty\.arrow: empty table, no images/);
  });

  it('unknown model, objective or device, and a GPU that cannot start', async () => {
    const m = await causal(['train', train, '--model', 'vgg', '-o', path.join(dir, 'x')]);
    expect(m.exitCode).toBe(2);
    expect(m.stderr).toMatch(/--model must be one of mlp, cnn, resnet; got 'vgg'/);
    const o = await causal(['train', train, '--model', 'mlp', '--objective', 'byol', '-o', path.join(dir, 'x')]);
    expect(o.exitCode).toBe(2);
    expect(o.stderr).toMatch(/--objective must be one of supervised, simclr, relic, relicv2, semppl, hint-relic; got 'byol'/);
    const d = await causal(['eval', '--model', path.join(dir, 'mlp'), test, '--device', 'tpu']);
    expect(d.exitCode).toBe(2);
    expect(d.stderr).toMatch(/--device must be one of cpu, webgpu, cuda; got 'tpu'/);
    for (const device of ['webgpu', 'cuda']) {
      const g = await causal(['embed', '--model', path.join(dir, 'mlp'), test, '--device', device]);
      if (g.exitCode === 0) continue; // a machine where the provider starts
      expect(g.exitCode).toBe(2);
      expect(g.stderr).toMatch(new RegExp(`device '${device}' could not start .*use --device cpu otherwise`));
      expect(g.stderr.trim().split('\n')).toHaveLength(1);
    }
    const nm = await causal(['eval', '--model', dir, test]);
    expect(nm.exitCode).toBe(2);
    expect(nm.stderr).toMatch(/not a model directory \(no model\.json\)/);
  });
});
