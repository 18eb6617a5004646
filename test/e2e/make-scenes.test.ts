import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Type, tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { HELDOUT_PAIRS } from '../../src/scenes/index.js';
import { causal, pipeline, tempDir } from './helpers.js';

describe('causal make-scenes', () => {
  it('streams the scene table through a pipe, with the contract schema, and splits that join', async () => {
    const dir = tempDir('scenes');
    const held = await causal(['make-scenes', '--split', 'heldout', '--count', '12', '--seed', '2', '--plot', `${dir}/grid.png`, '-o', `${dir}/heldout.arrow`]);
    expect(held.exitCode, held.stderr as string).toBe(0);
    expect(held.stderr).toMatch(/make-scenes: 12 heldout scenes, seed 2/);
    expect(readFileSync(`${dir}/grid.png`).subarray(1, 4).toString()).toBe('PNG');
    const r = await pipeline(`causal make-scenes --count 30 --batch-size 8 --seed 2 -q | causal concat - ${dir}/heldout.arrow > ${dir}/all.arrow`);
    expect(r.exitCode, r.stderr as string).toBe(0);
    expect(r.stderr).toBe('');
    const table = tableFromIPC(readFileSync(path.join(dir, 'all.arrow')));
    expect(table.numRows).toBe(42);
    const fields = Object.fromEntries(table.schema.fields.map((f) => [f.name, f]));
    expect(Object.keys(fields)).toEqual(['id', 'image', 'captions', 'split', 'shapes', 'colors', 'sizes', 'cells', 'relation']);
    expect(fields.image.type.typeId).toBe(Type.FixedSizeList);
    expect(fields.image.type.listSize).toBe(32 * 32 * 3);
    expect(fields.image.metadata.get('channels')).toBe('3');
    expect(String(fields.captions.type)).toBe('List<Utf8>');
    expect(String(fields.cells.type)).toBe('List<Int32>');
    expect(fields.relation.nullable).toBe(true);
    expect(JSON.parse(table.schema.metadata.get('causal.params')!)).toEqual({ split: 'train', count: 30 });
    const held7 = new Set(HELDOUT_PAIRS.map(([c, s]) => `${c} ${s}`));
    for (let i = 0; i < table.numRows; i++) {
      const split = table.getChild('split')!.get(i);
      expect(table.getChild('id')!.get(i)).toBe(`${split}-${String(i < 30 ? i : i - 30).padStart(6, '0')}`);
      const colors = [...table.getChild('colors')!.get(i)!];
      const pairs = [...table.getChild('shapes')!.get(i)!].map((s, k) => `${colors[k]} ${s}`);
      expect(pairs.some((p) => held7.has(p))).toBe(split === 'heldout');
      const captions = [...table.getChild('captions')!.get(i)!] as string[];
      expect(new Set(captions).size).toBe(5);
      for (const c of captions) expect(c).toMatch(/^[a-z]+( [a-z]+){2,13}$/);
      const image = table.getChild('image')!.get(i)!.toArray() as Float32Array;
      expect(Math.max(...image)).toBeLessThanOrEqual(1);
      expect(Math.max(...image)).toBeGreaterThan(0.5);
    }
  });

  it('writes the same bytes to a file as to stdout', async () => {
    const file = path.join(tempDir('scenes'), 'a.arrow');
    const args = ['make-scenes', '--count', '5', '--seed', '4', '-q'];
    expect((await causal([...args, '-o', file])).exitCode).toBe(0);
    const piped = await causal(args, { encoding: 'buffer' });
    expect(piped.exitCode).toBe(0);
    expect(Buffer.compare(Buffer.from(piped.stdout as Uint8Array), readFileSync(file))).toBe(0);
  });

  it.each([
    [['make-scenes', '--split', 'dev'], /--split must be one of train, test, heldout; got 'dev'/],
    [['make-scenes', '--count', '0'], /--count must be between 1/],
    [['make-scenes', '--seed', 'x'], /--seed must be an integer/],
  ])('refuses %j with one line and exit 2', async (args, message) => {
    const r = await causal(args as string[]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect((r.stderr as string).trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});
