import { Field, RecordBatchStreamWriter, Schema, Utf8, tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { batchOf, utf8Data } from '../../src/io/images.js';
import { attributeData, attributeFields, sampleScene, sceneColumns, sceneFromColumns, sceneOfRow } from '../../src/scenes/index.js';

describe('attribute columns', () => {
  it('round-trip scenes through an Arrow stream, nulls included', () => {
    const rng = new Rng(1);
    const scenes = [...Array.from({ length: 20 }, () => sampleScene(rng)), null];
    const schema = new Schema([new Field('id', new Utf8(), false), ...attributeFields(true)]);
    const batch = batchOf(schema, [utf8Data(scenes.map((_, i) => String(i))), ...attributeData(scenes)]);
    const table = tableFromIPC(RecordBatchStreamWriter.writeAll([batch]).toUint8Array(true));
    const read = table.batches[0];
    expect(scenes.map((_, i) => sceneOfRow(read, i, 'mem'))).toEqual(scenes);
    expect(read.getChild('relation')!.get(20)).toBeNull();
    expect([...read.getChild('cells')!.get(0)!]).toEqual(sceneColumns(scenes[0]!).cells);
  });

  it.each([
    [{ shapes: ['circle'], colors: ['red'], sizes: ['small'], cells: [9], relation: null }, /cells must be distinct integers in 0..8/],
    [{ shapes: ['circle', 'bar'], colors: ['red'], sizes: ['small'], cells: [0], relation: null }, /one entry per object/],
    [{ shapes: ['oval'], colors: ['red'], sizes: ['small'], cells: [0], relation: null }, /'oval' in column 'shapes'/],
    [{ shapes: ['circle', 'bar'], colors: ['red', 'blue'], sizes: ['small', 'large'], cells: [0, 1], relation: 'above' }, /relation 'above' does not hold/],
  ])('refuse bad columns %#', (columns, message) => {
    expect(() => sceneFromColumns(columns, 'row 3')).toThrow(message);
  });
});
