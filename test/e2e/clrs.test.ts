import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { readSamples } from '../../src/clrs/arrow.js';
import { causal, pipeline, tempDir } from './helpers.js';

describe('causal clrs', () => {
  it('samples insertion sort to a file that reads back as the spec says', async () => {
    const file = path.join(tempDir('clrs'), 'insertion.arrow');
    const r = await causal(['clrs', 'sample', '--algorithm', 'insertion_sort', '--n', '8', '--count', '5', '--seed', '1', '-o', file]);
    expect(r.exitCode, r.stderr as string).toBe(0);
    const table = tableFromIPC(readFileSync(file));
    expect(table.numRows).toBe(5);
    expect(table.schema.fields.map((f) => f.name)).toEqual([
      'algorithm', 'split', 'index', 'n', 'length', 'input.pos', 'input.key', 'output.pred', 'hint.pred_h', 'hint.i', 'hint.j',
    ]);
    expect(table.schema.metadata.get('causal.stage')).toBe('clrs-sample');
    const rows = readSamples(table);
    expect(rows.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    for (const { split, sample } of rows) {
      expect(split).toBeNull();
      expect(sample.n).toBe(8);
      expect(sample.length).toBe(8);
    }
  });

  it('writes the stream to stdout, the same bytes as to a file', async () => {
    const file = path.join(tempDir('clrs'), 'a.arrow');
    const args = ['clrs', 'sample', '--algorithm', 'kmp_matcher', '--n', '12', '--count', '3', '--seed', '4', '-q'];
    await causal([...args, '-o', file]);
    const piped = await causal(args, { encoding: 'buffer' });
    expect(piped.exitCode).toBe(0);
    expect(Buffer.compare(Buffer.from(piped.stdout as Uint8Array), readFileSync(file))).toBe(0);
  });

  it('--split test fixes n, count and seed per the benchmark, and flags override them', async () => {
    const dir = tempDir('clrs');
    const r = await pipeline(`causal clrs sample --algorithm insertion_sort --split test -q > ${dir}/sort.arrow`);
    expect(r.exitCode, r.stderr as string).toBe(0);
    const table = tableFromIPC(readFileSync(`${dir}/sort.arrow`));
    expect(table.numRows).toBe(32);
    expect(table.getChild('n')!.get(0)).toBe(64);
    expect(table.getChild('length')!.get(0)).toBe(64);
    expect(table.getChild('split')!.get(0)).toBe('test');
    expect(JSON.parse(table.schema.metadata.get('causal.params')!)).toMatchObject({ algorithm: 'insertion_sort', split: 'test', n: 64, count: 32 });
    expect(table.schema.metadata.get('causal.seed')).toBe('3');
    // val: 32 x 64 samples for binary_search, at n = 16
    const val = await causal(['clrs', 'sample', '--algorithm', 'binary_search', '--split', 'val', '-o', `${dir}/bs.arrow`]);
    expect(val.exitCode).toBe(0);
    const t1 = tableFromIPC(readFileSync(`${dir}/bs.arrow`));
    expect([t1.numRows, t1.getChild('n')!.get(0)]).toEqual([2048, 16]);
    const small = await causal(['clrs', 'sample', '--algorithm', 'minimum', '--split', 'test', '--count', '2', '--n', '5', '-o', `${dir}/s.arrow`]);
    expect(small.exitCode).toBe(0);
    const t2 = tableFromIPC(readFileSync(`${dir}/s.arrow`));
    expect([t2.numRows, t2.getChild('n')!.get(0)]).toEqual([2, 5]);
  });

  it('lists the 30 algorithms', async () => {
    const r = await causal(['clrs', 'list']);
    expect(r.exitCode).toBe(0);
    const lines = (r.stdout as string).trim().split('\n');
    expect(lines).toHaveLength(32);
    expect(lines[2]).toMatch(/^articulation_points\s+graphs/);
    expect(r.stdout).toMatch(/kmp_matcher\s+strings\s+64\s+3/);
  });

  it.each([
    [['clrs', 'sample', '--algorithm', 'shell_sort'], /unknown CLRS algorithm 'shell_sort'; valid: /],
    [['clrs', 'sample', '--algorithm', 'kmp_matcher', '--n', '2'], /--n must be at least 3 for kmp_matcher, got 2/],
    [['clrs', 'sample', '--algorithm', 'graham_scan', '--n', '2'], /--n must be at least 3 for graham_scan/],
    [['clrs', 'sample', '--algorithm', 'minimum', '--count', '0'], /--count must be between 1/],
    [['clrs', 'sample'], /--algorithm is required/],
    [['clrs', 'draw'], /action must be sample or list, got 'draw'/],
    [['clrs', 'sample', '--algorithm', 'minimum', '--split', 'dev'], /--split must be one of train, val, test/],
  ])('refuses %j with one line and exit 2', async (args, message) => {
    const r = await causal(args as string[]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});
