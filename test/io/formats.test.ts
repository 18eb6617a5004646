import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/common/errors.js';
import { readCsvTable } from '../../src/io/formats/csv-table.js';
import { detectFormat } from '../../src/io/formats/detect.js';
import { parseNumber } from '../../src/io/formats/number.js';
import { readPairFolder } from '../../src/io/formats/pair-files.js';
import { readPairMeta, scalarDirection } from '../../src/io/formats/pairmeta.js';
import { originalPairNumber, readTuebingenCsv } from '../../src/io/formats/tuebingen-csv.js';
import type { CausePair } from '../../src/io/pairs-table.js';

const fixtures = path.resolve('fixtures/tuebingen');
const dir = mkdtempSync(path.join(tmpdir(), 'causal-formats-'));

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of it) out.push(v);
  return out;
}

describe('Tübingen pairs', () => {
  it('maps the contiguous CDT numbers back to the benchmark numbers', () => {
    expect([1, 51, 52, 66, 67, 99].map(originalPairNumber)).toEqual([1, 51, 56, 70, 72, 104]);
  });

  it('reads all 99 pairs with the official weights summing to 35.5', async () => {
    const meta = await readPairMeta(path.join(fixtures, 'pairmeta.txt'));
    const pairs = await collect(readTuebingenCsv(path.join(fixtures, 'Tuebingen_pairs.csv'), meta));
    expect(pairs).toHaveLength(99);
    const total = pairs.reduce((s, p) => s + (p.weight ?? 0), 0);
    expect(total).toBeCloseTo(35.5, 1);
    expect(pairs.every((p) => p.truth === 'x->y' && p.x.length === p.y.length)).toBe(true);
    const sizes = pairs.map((p) => p.x.length);
    expect(Math.min(...sizes)).toBe(94);
    expect(Math.max(...sizes)).toBe(16382);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(201415);
  });

  it('reads directions and multivariate ranges from pairmeta', async () => {
    const meta = await readPairMeta(path.join(fixtures, 'pairmeta.txt'));
    expect(scalarDirection(meta.get(1)!)).toBe('x->y');
    expect(scalarDirection(meta.get(49)!)).toBe('y->x');
    expect(scalarDirection(meta.get(52)!)).toBeNull();
    expect(meta.get(52)!.weight).toBe(0);
  });
});

describe('pair folders', () => {
  it('reads pairNNNN.txt files with truth and weight, skipping multivariate pairs with a reason', async () => {
    const folder = path.join(dir, 'pairs');
    mkdirSync(folder);
    const rows = (f: (i: number) => string) => Array.from({ length: 12 }, (_, i) => f(i)).join('\n');
    writeFileSync(path.join(folder, 'pair0001.txt'), rows((i) => `${i} ${2 * i + 1}`));
    writeFileSync(path.join(folder, 'pair0002.txt'), rows((i) => `${i}\t${i * i}`));
    writeFileSync(path.join(folder, 'pair0003.txt'), rows((i) => `${i} ${i} ${i}`));
    writeFileSync(path.join(folder, 'pairmeta.txt'), '0001 1 1 2 2 0.5\n0002 2 2 1 1 1\n0003 1 2 3 3 0\n');
    const meta = await readPairMeta(path.join(folder, 'pairmeta.txt'));
    const skipped: string[] = [];
    const pairs: CausePair[] = await collect(readPairFolder(folder, meta, (s) => skipped.push(`${s.id}: ${s.reason}`)));
    expect(pairs.map((p) => [p.id, p.truth, p.weight])).toEqual([
      ['pair0001', 'x->y', 0.5],
      ['pair0002', 'y->x', 1],
    ]);
    expect(Array.from(pairs[1].y.slice(0, 4))).toEqual([0, 1, 4, 9]);
    expect(skipped).toEqual(['pair0003: multivariate in pairmeta.txt']);
    expect(await detectFormat(folder)).toBe('pair-files');
  });

  it('names the file and line of a non-numeric value', async () => {
    const folder = path.join(dir, 'bad');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'pair0001.txt'), '1 2\n3 x\n');
    await expect(collect(readPairFolder(folder, null, () => {}))).rejects.toThrow(/pair0001.txt: line 2, column 2: 'x'/);
  });
});

describe('CSV tables', () => {
  it('infers Float64 and Utf8 columns and reads empty cells as null', async () => {
    const file = path.join(dir, 't.csv');
    writeFileSync(file, 'a,b,c\n1,x,\n2.5,"y, z",3\n');
    const [batch] = await collect(readCsvTable(file, { delimiter: ',', batchRows: 100 }, new Map()));
    expect(batch.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(['a:Float64', 'b:Utf8', 'c:Float64']);
    expect(batch.getChild('b')!.get(1)).toBe('y, z');
    expect(batch.getChild('c')!.get(0)).toBeNull();
  });

  it('fails with line and column when a later batch breaks a numeric column', async () => {
    const file = path.join(dir, 'late.csv');
    writeFileSync(file, 'a\n1\n2\noops\n');
    await expect(collect(readCsvTable(file, { delimiter: ',', batchRows: 2 }, new Map()))).rejects.toThrow(
      DataError,
    );
    await expect(collect(readCsvTable(file, { delimiter: ',', batchRows: 2 }, new Map()))).rejects.toThrow(
      /line 4, column 'a'/,
    );
  });

  it('parses the usual spellings of NaN and infinity', () => {
    expect(parseNumber('NaN')).toBeNaN();
    expect(parseNumber('-inf')).toBe(-Infinity);
    expect(parseNumber('Infinity')).toBe(Infinity);
    expect(parseNumber('1e-3')).toBe(0.001);
    expect(parseNumber('abc')).toBeUndefined();
  });
});
