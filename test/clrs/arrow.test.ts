import { Float64, List, RecordBatchStreamWriter, Table, tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { algorithm } from '../../src/clrs/algorithms/index.js';
import { clrsSchema, readSamples, samplesBatch } from '../../src/clrs/arrow.js';
import { DataError } from '../../src/common/errors.js';
import { samplesOf } from './helpers.js';

function roundTrip(name: string, n: number, split: string | null): void {
  const samples = samplesOf(algorithm(name), n, 3);
  const schema = clrsSchema(name, new Map([['causal.stage', 'test']]));
  const rows = samples.map((sample, index) => ({ split, index, sample }));
  const bytes = RecordBatchStreamWriter.writeAll([samplesBatch(rows.slice(0, 2), schema), samplesBatch(rows.slice(2), schema)]).toUint8Array(true);
  const table = tableFromIPC(bytes);
  expect(table.numRows).toBe(3);
  expect(readSamples(table)).toEqual(rows);
}

describe('CLRS Arrow tables', () => {
  it('round-trip samples of every non-graph family through IPC', () => {
    roundTrip('insertion_sort', 8, 'train');
    roundTrip('heapsort', 5, null);
    roundTrip('lcs_length', 9, 'val');
    roundTrip('optimal_bst', 4, 'test');
    roundTrip('kmp_matcher', 12, null);
    roundTrip('graham_scan', 10, null);
    roundTrip('segments_intersect', 4, null);
  });

  it('derives the columns from the spec, with the spec as field metadata', () => {
    const schema = clrsSchema('lcs_length', new Map());
    expect(schema.fields.map((f) => f.name)).toEqual([
      'algorithm', 'split', 'index', 'n', 'length',
      'input.string', 'input.pos', 'input.key', 'output.b', 'hint.pred_h', 'hint.b_h', 'hint.c',
    ]);
    const b = schema.fields.find((f) => f.name === 'output.b')!;
    expect(Object.fromEntries(b.metadata)).toEqual({ stage: 'output', location: 'edge', type: 'categorical', categories: '4' });
    const hint = schema.fields.find((f) => f.name === 'hint.c')!;
    expect(hint.type).toBeInstanceOf(List);
    expect((hint.type as List).children[0].type).toBeInstanceOf(List);
    expect(((hint.type as List).children[0].type as List).children[0].type).toBeInstanceOf(Float64);
    expect(schema.metadata.get('clrs.algorithm')).toBe('lcs_length');
  });

  it('refuses a table whose values break the spec, naming the row', () => {
    const name = 'minimum';
    const [sample] = samplesOf(algorithm(name), 4, 1);
    const broken = { ...sample, outputs: { min: Float64Array.from([1, 1, 0, 0]) } };
    const batch = samplesBatch([{ split: null, index: 0, sample: broken }], clrsSchema(name, new Map()));
    expect(() => readSamples(new Table(batch))).toThrow(DataError);
    expect(() => readSamples(new Table(batch))).toThrow(/row 0: .*mask_one/);
  });
});
