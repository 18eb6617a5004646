import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  type DataType,
  Field,
  FixedSizeList,
  Float32,
  Float64,
  Int32,
  Int64,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  Utf8,
  makeData,
  tableFromIPC,
  vectorFromArray,
} from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { causal, pipeline, tempDir } from './helpers.js';

let dir: string;
let train: string;
let test: string;

interface Blobs {
  rows: number;
  dim: number;
  classes: number;
  /** Seed of the points; the class centres always come from seed 99, so train and test share them. */
  seed: number;
  /** Every n-th row gets a null label. */
  nullEvery?: number;
  spread?: number;
}

/** Gaussian blobs per class as an embeddings table: id, label (Int32, nullable), embedding (FixedSizeList<Float32>). */
function blobs(o: Blobs): { x: Float32Array; y: Int32Array; valid: boolean[] } {
  const centres = new Rng(99);
  const mu = Array.from({ length: o.classes }, () => Array.from({ length: o.dim }, () => centres.normal()));
  const rng = new Rng(o.seed);
  const x = new Float32Array(o.rows * o.dim);
  const y = Int32Array.from({ length: o.rows }, (_, i) => i % o.classes);
  for (let i = 0; i < o.rows; i++) for (let t = 0; t < o.dim; t++) x[i * o.dim + t] = mu[y[i]][t] + (o.spread ?? 0.5) * rng.normal();
  return { x, y, valid: Array.from({ length: o.rows }, (_, i) => !(o.nullEvery && i % o.nullEvery === 0)) };
}

function writeTable(file: string, fields: Field[], columns: ReturnType<typeof makeData>[]): string {
  const schema = new Schema(fields);
  const data = makeData({ type: new Struct(schema.fields), length: columns[0].length, nullCount: 0, children: columns });
  writeFileSync(file, RecordBatchStreamWriter.writeAll([new RecordBatch(schema, data)]).toUint8Array(true));
  return file;
}

/** An embeddings table as `causal embed` writes it. */
function writeEmbeddings(file: string, o: Blobs): string {
  const { x, y, valid } = blobs(o);
  const listType = new FixedSizeList(o.dim, new Field('item', new Float32(), false));
  return writeTable(
    file,
    [new Field('id', new Utf8(), false), new Field('label', new Int32(), true), new Field('embedding', listType, false)],
    [
      vectorFromArray(Array.from({ length: o.rows }, (_, i) => `row-${i}`), new Utf8()).data[0],
      vectorFromArray(Array.from(y, (v, i) => (valid[i] ? v : null)), new Int32()).data[0],
      makeData({ type: listType, length: o.rows, nullCount: 0, child: makeData({ type: new Float32(), length: x.length, data: x }) }),
    ],
  );
}

/** Embeddings from another tool: Float64 under another name, Int64 labels. */
function writeForeign(file: string, o: Blobs): string {
  const { x, y } = blobs(o);
  const listType = new FixedSizeList(o.dim, new Field('item', new Float64(), false));
  return writeTable(
    file,
    [new Field('feats', listType, false), new Field('y', new Int64(), false)],
    [
      makeData({ type: listType, length: o.rows, nullCount: 0, child: makeData({ type: new Float64(), length: x.length, data: Float64Array.from(x) }) }),
      makeData({ type: new Int64(), length: o.rows, data: BigInt64Array.from(y, BigInt) }),
    ],
  );
}

const oneLine = (stderr: string | unknown): void => {
  const lines = String(stderr).trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^causal: /);
  expect(String(stderr)).not.toMatch(/\n\s+at /);
};

beforeAll(() => {
  dir = tempDir('probes');
  train = writeEmbeddings(path.join(dir, 'train.arrow'), { rows: 800, dim: 8, classes: 4, seed: 1 });
  test = writeEmbeddings(path.join(dir, 'test.arrow'), { rows: 400, dim: 8, classes: 4, seed: 2 });
});

describe('causal pseudo-label', () => {
  it('labels a piped table with 5% of its labels and scores the hidden rows', async () => {
    const r = await pipeline(`cat ${train} | causal pseudo-label --labels-fraction 0.05 --seed 1 | cat`, { encoding: 'buffer' });
    expect(r.exitCode).toBe(0);
    const t = tableFromIPC(r.stdout as Buffer);
    expect(t.numRows).toBe(800);
    const types = Object.fromEntries(t.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(types).toEqual({
      id: 'Utf8',
      label: 'Int32',
      embedding: 'FixedSizeList[8]<Float32>',
      pseudo_label: 'Int32',
      confidence: 'Float32',
      agreement: 'Float32',
      labelled: 'Bool',
    });
    const labelled = t.getChild('labelled')!.toArray() as boolean[];
    expect([...labelled].filter(Boolean)).toHaveLength(40);
    const label = t.getChild('label')!.toArray() as Int32Array;
    const pseudo = t.getChild('pseudo_label')!.toArray() as Int32Array;
    const hidden = [...label.keys()].filter((i) => !labelled[i]);
    expect(hidden.filter((i) => pseudo[i] === label[i]).length / hidden.length).toBeGreaterThan(0.9);
    const metrics = JSON.parse(t.schema.metadata.get('causal.metrics')!);
    expect(metrics).toMatchObject({ rows: 800, reference_rows: 40, hidden_rows: 760, k: 10, calibrated_on: 'hidden' });
    expect(metrics.calibration.bins).toHaveLength(10);
    const stderr = Buffer.from(r.stderr as Uint8Array).toString('utf8');
    expect(stderr).toMatch(/pseudo-label accuracy on hidden rows\s+0\.9\d+/);
    expect(stderr).toMatch(/calibration by confidence decile \(hidden rows\)/);
    expect(stderr.match(/^\s+10\s/m)).not.toBeNull();
  });

  it('gives unlabelled rows a pseudo-label, prints --json metrics, and relabels its own output', async () => {
    const partial = writeEmbeddings(path.join(dir, 'partial.arrow'), { rows: 200, dim: 8, classes: 4, seed: 3, nullEvery: 3 });
    const out = path.join(dir, 'partial-pl.arrow');
    const r = await causal(['pseudo-label', partial, '--k', '5', '--balanced', '--json', '-o', out]);
    expect(r.exitCode).toBe(0);
    const metrics = JSON.parse(String(r.stdout));
    expect(metrics).toMatchObject({ rows: 200, reference_rows: 133, unlabelled_rows: 67, hidden_accuracy: null, k: 5 });
    expect(metrics.reference_accuracy).toBeGreaterThan(0.9);
    const t = tableFromIPC(readFileSync(out));
    const labels = t.getChild('label')!;
    const pseudo = t.getChild('pseudo_label')!;
    let right = 0;
    for (let i = 0; i < 200; i++) {
      expect(t.getChild('labelled')!.get(i)).toBe(labels.get(i) !== null);
      if (pseudo.get(i) === i % 4) right++;
    }
    expect(right).toBeGreaterThan(180);
    const again = await pipeline(`causal pseudo-label ${out} --k 3 | causal pseudo-label --k 4 -q | cat`, { encoding: 'buffer' });
    expect(again.exitCode).toBe(0);
    const twice = tableFromIPC(again.stdout as Buffer);
    expect(twice.schema.fields.map((f) => f.name)).toEqual(['id', 'label', 'embedding', 'pseudo_label', 'confidence', 'agreement', 'labelled']);
    expect(JSON.parse(twice.schema.metadata.get('causal.params')!)).toMatchObject({ k: 4 });
  });

  it('reads Float64 embeddings and Int64 labels under other names', async () => {
    const foreign = writeForeign(path.join(dir, 'foreign.arrow'), { rows: 120, dim: 8, classes: 4, seed: 4 });
    const r = await causal(['pseudo-label', foreign, '--embedding-column', 'feats', '--label-column', 'y', '--metric', 'euclidean', '--labels-fraction', '0.25', '--json']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(String(r.stdout)).hidden_accuracy).toBeGreaterThan(0.9);
  });

  it('gives the same table with one thread and with two', async () => {
    // 2100 x 2100 x 128 multiply-adds: large enough for the search to go to worker threads
    const big = writeEmbeddings(path.join(dir, 'big.arrow'), { rows: 2100, dim: 128, classes: 10, seed: 5, spread: 2 });
    const one = await causal(['pseudo-label', big, '--threads', '1'], { encoding: 'buffer' });
    const two = await causal(['pseudo-label', big, '--threads', '2'], { encoding: 'buffer' });
    expect(one.exitCode).toBe(0);
    expect(two.exitCode).toBe(0);
    expect(Buffer.compare(one.stdout as Buffer, two.stdout as Buffer)).toBe(0);
  });

  it('refuses bad input with one line and the right exit code', async () => {
    const none = writeEmbeddings(path.join(dir, 'none.arrow'), { rows: 10, dim: 8, classes: 2, seed: 6, nullEvery: 1 });
    let r = await causal(['pseudo-label', none]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/none\.arrow: no labelled rows in 'label'/);
    oneLine(r.stderr);

    r = await causal(['pseudo-label', train, '--embedding-column', 'vec']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/missing column 'vec'/);
    oneLine(r.stderr);

    r = await causal(['pseudo-label', train, '--k', '0']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--k must be between 1/);
    oneLine(r.stderr);

    r = await causal(['pseudo-label', train, '--metric', 'manhattan']);
    expect(r.exitCode).toBe(2);
    oneLine(r.stderr);

    r = await causal(['pseudo-label', train, '--labels-fraction', '0']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--labels-fraction must be in \(0, 1\]/);
    oneLine(r.stderr);

    const listType = new FixedSizeList(2, new Field('item', new Float32(), false));
    const nan = writeTable(
      path.join(dir, 'nan.arrow'),
      [new Field('embedding', listType, false), new Field('label', new Int32(), true)],
      [
        makeData({ type: listType, length: 2, nullCount: 0, child: makeData({ type: new Float32(), length: 4, data: Float32Array.from([1, 2, 3, NaN]) }) }),
        vectorFromArray([0, 1], new Int32() as DataType).data[0],
      ],
    );
    r = await causal(['pseudo-label', nan]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/nan\.arrow: row 1: column 'embedding' holds NaN/);
    oneLine(r.stderr);
  });
});

describe('causal eval --probe', () => {
  it('scores the k-NN probe over three subset seeds, as JSON', async () => {
    const r = await causal(['eval', '--probe', 'knn', train, '--test', test, '--labels-fraction', '0.1', '--seeds', '1,2,3', '--distance', 'cosine', '--json']);
    expect(r.exitCode).toBe(0);
    const m = JSON.parse(String(r.stdout));
    expect(m.runs).toHaveLength(3);
    for (const run of m.runs) expect(run).toMatchObject({ probe: 'knn', labels_fraction: 0.1, labelled_rows: 80 });
    expect(m.runs.map((x: { seed: number }) => x.seed)).toEqual([1, 2, 3]);
    expect(m.summary).toHaveLength(1);
    expect(m.summary[0].mean_accuracy).toBeGreaterThan(0.9);
    expect(m.summary[0].sd_accuracy).toBeGreaterThanOrEqual(0);
    expect(m.k).toBe(20);
    expect(m.distance).toBe('cosine');
    expect(String(r.stderr)).toMatch(/knn\s+0\.1000\s+3\s+0\.9\d+ ± 0\.\d+/);
  });

  it('writes one Arrow row per probe and seed, reading the training embeddings from a pipe', async () => {
    const r = await pipeline(`cat ${train} | causal eval --probe linear,knn --test ${test} --labels-fraction 0.05 --seeds 4,5 | cat`, { encoding: 'buffer' });
    expect(r.exitCode).toBe(0);
    const t = tableFromIPC(r.stdout as Buffer);
    expect(t.schema.fields.map((f) => f.name)).toEqual(['probe', 'labels_fraction', 'seed', 'labelled_rows', 'accuracy']);
    expect(t.getChild('probe')!.toArray()).toEqual(['linear', 'knn', 'linear', 'knn']);
    expect(Array.from(t.getChild('seed')!.toArray() as Uint32Array)).toEqual([4, 4, 5, 5]);
    for (const a of t.getChild('accuracy')!.toArray() as Float64Array) expect(a).toBeGreaterThan(0.85);
    expect(t.schema.metadata.get('causal.stage')).toBe('eval');
  });

  it('refuses bad probe input with one line and the right exit code', async () => {
    let r = await causal(['eval', '--probe', 'knn', train]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--probe needs --test FILE/);
    oneLine(r.stderr);

    r = await causal(['eval', '--probe', 'svm', train, '--test', test]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--probe must be one of linear, knn; got 'svm'/);
    oneLine(r.stderr);

    r = await causal(['eval', '--probe', 'knn', train, '--test', test, '--distance', 'manhattan']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--distance must be one of cosine, euclidean; got 'manhattan'/);
    oneLine(r.stderr);

    r = await causal(['eval', '--probe', 'knn', train, '--test', test, '--metric', 'euclidean']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--metric takes caption metrics .* is now --distance euclidean/);
    oneLine(r.stderr);

    r = await causal(['eval', train, '--test', test]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--test is for --probe/);
    oneLine(r.stderr);

    const partial = writeEmbeddings(path.join(dir, 'test-partial.arrow'), { rows: 20, dim: 8, classes: 4, seed: 7, nullEvery: 5 });
    r = await causal(['eval', '--probe', 'knn', train, '--test', partial]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/test-partial\.arrow: row 0 has no label/);
    oneLine(r.stderr);

    const wide = writeEmbeddings(path.join(dir, 'wide.arrow'), { rows: 20, dim: 16, classes: 4, seed: 8 });
    r = await causal(['eval', '--probe', 'linear', train, '--test', wide]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/wide\.arrow: embeddings have 16 values, but .*train\.arrow's have 8/);
    oneLine(r.stderr);
  });
});
