import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Float64, Utf8, tableToIPC, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/common/errors.js';
import { openArrowInput } from '../../src/io/arrow-input.js';
import { ArrowOutput, writeArrow } from '../../src/io/arrow-output.js';
import { makeBatch } from '../../src/io/batch.js';

const dir = mkdtempSync(path.join(tmpdir(), 'causal-io-'));

function batchOf(start: number, n: number) {
  return makeBatch(
    [
      { name: 'id', type: new Utf8(), values: Array.from({ length: n }, (_, i) => `r${start + i}`) },
      { name: 'v', type: new Float64(), values: Array.from({ length: n }, (_, i) => start + i) },
    ],
    new Map([['causal.stage', 'test']]),
  );
}

async function readAll(file: string) {
  const input = await openArrowInput(file);
  const rows: unknown[] = [];
  for await (const b of input.batches) for (let i = 0; i < b.numRows; i++) rows.push(b.getChild('v')!.get(i));
  return { input, rows };
}

describe('Arrow I/O', () => {
  it('streams several batches to a file and reads them back in order, with metadata', async () => {
    const file = path.join(dir, 'stream.arrow');
    await writeArrow(file, [batchOf(0, 3), batchOf(3, 2), batchOf(5, 4)], batchOf(0, 1).schema);
    const { input, rows } = await readAll(file);
    expect(rows).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(input.schema.metadata.get('causal.stage')).toBe('test');
  });

  it('writes a valid empty table when no batch comes', async () => {
    const file = path.join(dir, 'empty.arrow');
    await writeArrow(file, [], batchOf(0, 1).schema);
    const { input, rows } = await readAll(file);
    expect(rows).toEqual([]);
    expect(input.schema.fields.map((f) => f.name)).toEqual(['id', 'v']);
  });

  it('reads the IPC file format, detected by content', async () => {
    const file = path.join(dir, 'table.feather');
    writeFileSync(file, tableToIPC(tableFromArrays({ v: Float64Array.from([7, 8]) }), 'file'));
    const { rows } = await readAll(file);
    expect(rows).toEqual([7, 8]);
  });

  it('refuses a non-Arrow file with a one-line DataError naming it', async () => {
    const file = path.join(dir, 'not-arrow.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const err = await openArrowInput(file).then(
      async (i) => {
        for await (const _ of i.batches);
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toContain('not-arrow.csv');
    expect((err as Error).message).not.toContain('\n');
  });

  it('leaves no file behind when writing is aborted', async () => {
    const sub = mkdtempSync(path.join(dir, 'abort-'));
    const file = path.join(sub, 'out.arrow');
    async function* failing() {
      yield batchOf(0, 2);
      throw new DataError('bad row');
    }
    await expect(writeArrow(file, failing(), batchOf(0, 1).schema)).rejects.toThrow('bad row');
    expect(readdirSync(sub)).toEqual([]);
  });

  it('refuses a batch whose schema differs from the first', async () => {
    const out = await ArrowOutput.open(path.join(dir, 'mixed.arrow'));
    await out.write(batchOf(0, 1));
    const other = makeBatch([{ name: 'w', type: new Float64(), values: [1] }], new Map());
    await expect(out.write(other)).rejects.toThrow(/different schema/);
    await out.abort();
  });
});
