import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { causal, pipeline, tempDir } from './helpers.js';

describe('causal import', () => {
  it('imports the bundled Tübingen pairs with weights, and shuffles orientation reproducibly', async () => {
    const a = await causal(['import', 'tuebingen', '--shuffle-orientation', '--seed', '7'], { encoding: 'buffer' });
    const b = await causal(['import', 'tuebingen', '--shuffle-orientation', '--seed', '7'], { encoding: 'buffer' });
    expect(a.exitCode).toBe(0);
    expect(Buffer.compare(a.stdout as Buffer, b.stdout as Buffer)).toBe(0);
    const table = tableFromIPC(a.stdout as Buffer);
    expect(table.numRows).toBe(99);
    const truths = table.getChild('truth')!.toArray() as string[];
    const swapped = truths.filter((t) => t === 'y->x').length;
    expect(swapped).toBeGreaterThan(30);
    expect(swapped).toBeLessThan(69);
    expect(table.schema.metadata.get('causal.seed')).toBe('7');
  });

  it('imports a CSV table to a file, atomically', async () => {
    const dir = tempDir('import');
    const csv = path.join(dir, 'm.csv');
    writeFileSync(csv, 'a,b\n1,2\n3,4\n');
    const out = path.join(dir, 'm.arrow');
    const r = await causal(['import', csv, '-o', out]);
    expect(r.exitCode).toBe(0);
    const t = tableFromIPC(readFileSync(out));
    expect(t.getChild('b')!.toArray()).toEqual(Float64Array.from([2, 4]));
  });

  it('refuses a bad CSV cell with one line naming file, line and column, and writes no output', async () => {
    const dir = tempDir('import-bad');
    const csv = path.join(dir, 'bad.csv');
    writeFileSync(csv, 'a\n1\n2\nthree\n');
    const out = path.join(dir, 'bad.arrow');
    const r = await causal(['import', csv, '--batch-size', '2', '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/bad\.csv: line 4, column 'a': 'three' is not a number/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['bad.csv']);
  });

  it('exits quietly when the reader closes the pipe early', async () => {
    const r = await pipeline('causal import tuebingen | head -c 100 > /dev/null');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).not.toMatch(/error|EPIPE/i);
  });

  it('gives a usage error naming the flag', async () => {
    const r = await causal(['make-pairs', '--count', 'many']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--count must be an integer');
  });
});

describe('causal make-pairs', () => {
  it('is reproducible by seed and varies with it', async () => {
    const run = (seed: string) =>
      causal(['make-pairs', '--count', '6', '--n', '50', '--mechanism', 'mixed', '--seed', seed, '--shuffle-orientation'], {
        encoding: 'buffer',
      });
    const [a, b, c] = await Promise.all([run('1'), run('1'), run('2')]);
    expect(Buffer.compare(a.stdout as Buffer, b.stdout as Buffer)).toBe(0);
    expect(Buffer.compare(a.stdout as Buffer, c.stdout as Buffer)).not.toBe(0);
    const t = tableFromIPC(a.stdout as Buffer);
    expect(t.numRows).toBe(6);
    expect((t.getChild('x')!.get(0) as { length: number }).length).toBe(50);
  });
});
