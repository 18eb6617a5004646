import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { algorithm } from '../../src/clrs/algorithms/index.js';
import { readSamples } from '../../src/clrs/arrow.js';
import { matchStep } from '../../src/clrs/augment/verify.js';
import { sampleAt } from '../../src/clrs/splits.js';
import { causal, pipeline, tempDir, writePairs } from './helpers.js';

describe('causal augment-clrs', () => {
  it('augments a piped clrs sample table; a row read back re-verifies against its source sample', async () => {
    const dir = tempDir('augment-clrs');
    const out = path.join(dir, 'out.arrow');
    const r = await pipeline(`causal clrs sample --algorithm bfs --n 6 --count 3 --seed 1 | causal augment-clrs --seed 2 -o ${out}`);
    expect(r.exitCode, r.stderr as string).toBe(0);
    expect(r.stderr).toMatch(/augment-clrs: bfs, 3 samples: \d+ steps augmented, 0 skipped after 8 tries/);
    const table = tableFromIPC(readFileSync(out));
    expect(table.numRows).toBeGreaterThan(0);
    expect(table.schema.fields.map((f) => f.name).slice(0, 5)).toEqual(['algorithm', 'split', 'index', 'n', 'length']);
    expect(table.schema.fields.map((f) => f.name).slice(-3)).toEqual(['step', 'augmented_step', 'node_map']);
    expect(table.schema.metadata.get('causal.stage')).toBe('augment-clrs');
    const rows = readSamples(table);
    const last = rows.length - 1;
    const original = sampleAt(algorithm('bfs'), 6, 1, rows[last].index);
    const nodeMap = Array.from(table.getChild('node_map')!.get(last)!.toArray() as Int32Array);
    const step = table.getChild('step')!.get(last) as number;
    expect(rows[last].sample.n).toBeGreaterThan(6);
    expect(matchStep(original, step, rows[last].sample, nodeMap, 'step')).toBe(step);
    expect(table.getChild('augmented_step')!.get(last)).toBe(step);
  });

  it('writes the same bytes to stdout as to a file, and --steps all covers every step', async () => {
    const dir = tempDir('augment-clrs');
    await causal(['clrs', 'sample', '--algorithm', 'insertion_sort', '--n', '5', '--count', '2', '--seed', '3', '-q', '-o', `${dir}/in.arrow`]);
    const args = ['augment-clrs', `${dir}/in.arrow`, '--steps', 'all', '--seed', '4'];
    const toFile = await causal([...args, '-o', `${dir}/a.arrow`]);
    expect(toFile.exitCode, toFile.stderr as string).toBe(0);
    expect(toFile.stderr).toMatch(/2 samples: 8 steps augmented, 0 skipped/);
    const piped = await causal([...args, '-q'], { encoding: 'buffer' });
    expect(Buffer.compare(Buffer.from(piped.stdout as Uint8Array), readFileSync(`${dir}/a.arrow`))).toBe(0);
  });

  it('refuses a table that is not a CLRS sample table with one line and exit 1', async () => {
    const file = writePairs(path.join(tempDir('augment-clrs'), 'pairs.arrow'), [{ id: 'p', x: [1, 2], y: [2, 3] }]);
    const r = await causal(['augment-clrs', file]);
    expect(r.exitCode).toBe(1);
    expect((r.stderr as string).trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/pairs.arrow: not a CLRS sample table/);
    expect(r.stdout).toBe('');
  });

  it('refuses an algorithm without a rule, naming it', async () => {
    const r = await pipeline('causal clrs sample --algorithm kmp_matcher --n 8 --count 2 -q | causal augment-clrs');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^causal: stdin: no augmentation rule for CLRS algorithm 'kmp_matcher' \(rules exist for insertion_sort, /);
    expect((r.stderr as string).trim().split('\n')).toHaveLength(1);
  });

  it('refuses bad flags with exit 2', async () => {
    const r = await causal(['augment-clrs', '--steps', 'some']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--steps must be all or a positive integer, got 'some'/);
  });
});
