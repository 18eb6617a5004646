import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DataType, Float64, Field, List, RecordBatchStreamWriter, Utf8 } from 'apache-arrow';
import { execa, type Options } from 'execa';
import { makeBatch } from '../../src/io/batch.js';

/** The built binary, run as a user runs it (npm test builds first). */
export const BIN = path.resolve('bin/causal.js');

export function causal(args: string[], options: Options = {}) {
  return execa('node', [BIN, ...args], { reject: false, ...options });
}

/** Runs `bash -o pipefail -c` on a pipeline of causal commands, `causal` meaning the built binary. */
export function pipeline(script: string, options: Options = {}) {
  return execa('bash', ['-o', 'pipefail', '-c', `causal() { node ${BIN} "$@"; }; ${script}`], {
    reject: false,
    ...options,
  });
}

/** Imports the bundled Fashion-MNIST subset (1000 train, 500 test images) into dir/train.arrow and dir/test.arrow. */
export async function importFashionFixture(dir: string): Promise<{ train: string; test: string }> {
  const fixture = path.resolve('fixtures/fashion-mnist');
  const train = path.join(dir, 'train.arrow');
  const test = path.join(dir, 'test.arrow');
  for (const [split, file] of [['train', train], ['test', test]]) {
    const r = await causal(['import', 'fashion-mnist', '--dir', fixture, '--split', split, '-o', file]);
    if (r.exitCode !== 0) throw new Error(`import fashion-mnist --split ${split} failed: ${r.stderr}`);
  }
  return { train, test };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `causal-${prefix}-`));
}

/** A pipelines/ script writing into a fresh OUT and its TABLE there; `run()` runs it (again) with `env`. */
export function pipelineScript(script: string, env: Record<string, string>) {
  const out = tempDir(path.basename(script, '.sh'));
  const table = path.join(out, 'table.md');
  return { out, table, run: () => execa('bash', [script, out, table], { env, reject: false }) };
}

const SERIES = new List(new Field('item', new Float64(), true));

/** Writes a pairs table (pair_id, x, y, truth) whose columns the caller may override or drop, for bad-input tests. */
export function writePairs(
  file: string,
  pairs: { id: string; x: number[]; y: number[]; truth?: string }[],
  extra: { name: string; type: DataType; values: unknown[] }[] = [],
  drop: string[] = [],
): string {
  const columns = [
    { name: 'pair_id', type: new Utf8() as DataType, values: pairs.map((p) => p.id) as unknown[] },
    { name: 'x', type: SERIES as DataType, values: pairs.map((p) => Float64Array.from(p.x)) as unknown[] },
    { name: 'y', type: SERIES as DataType, values: pairs.map((p) => Float64Array.from(p.y)) as unknown[] },
    { name: 'truth', type: new Utf8() as DataType, values: pairs.map((p) => p.truth ?? 'x->y') as unknown[] },
  ]
    .filter((c) => !drop.includes(c.name))
    .concat(extra);
  const batch = makeBatch(columns, new Map());
  writeFileSync(file, RecordBatchStreamWriter.writeAll([batch]).toUint8Array(true));
  return file;
}

/** A clean cubic pair with uniform noise: x causes y, easy for any sensible method. */
export function cubicPair(id: string, n: number, seed: number): { id: string; x: number[]; y: number[] } {
  let s = seed;
  const u = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const x = Array.from({ length: n }, () => 4 * u() - 2);
  const y = x.map((v) => v * v * v + 0.5 * (2 * u() - 1));
  return { id, x, y };
}

/** Runs `causal ARGS` and kills it with SIGKILL as soon as `dir` holds a checkpoint: an interrupted training run. */
export async function killAtFirstCheckpoint(args: string[], dir: string): Promise<void> {
  const child = spawn('node', [BIN, ...args], { stdio: 'ignore' });
  const exited = new Promise((r) => child.on('exit', r));
  const ckpt = path.join(dir, 'checkpoint', 'latest.ckpt');
  const poll = setInterval(() => {
    if (existsSync(ckpt)) child.kill('SIGKILL');
  }, 5);
  await exited;
  clearInterval(poll);
}
