import { RecordBatchStreamWriter, tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { sceneAt, sceneColumns } from '../../src/scenes/index.js';
import { makeScenesBatches, makeScenesSchema, scenesPreviewPng } from '../../src/stages/make-scenes.js';

const provenance = { stage: 'make-scenes', seed: 3, params: {} };

function tableOf(batchSize: number, count = 10) {
  const schema = makeScenesSchema(provenance);
  const batches = [...makeScenesBatches({ split: 'test', count, seed: 3, batchSize }, schema)];
  return { batches, table: tableFromIPC(RecordBatchStreamWriter.writeAll(batches).toUint8Array(true)) };
}

describe('make-scenes stage', () => {
  it('writes rows that do not depend on the batch size', () => {
    const a = tableOf(3);
    const b = tableOf(1024);
    expect(a.batches.map((x) => x.numRows)).toEqual([3, 3, 3, 1]);
    expect(b.batches.map((x) => x.numRows)).toEqual([10]);
    for (const name of ['id', 'image', 'captions', 'split', 'shapes', 'colors', 'sizes', 'cells', 'relation']) {
      const [ca, cb] = [a.table.getChild(name)!, b.table.getChild(name)!];
      for (let i = 0; i < 10; i++) expect(JSON.stringify(ca.get(i)?.toArray?.() ?? ca.get(i))).toBe(JSON.stringify(cb.get(i)?.toArray?.() ?? cb.get(i)));
    }
  });

  it('holds scene i of the split, column by column', () => {
    const { table } = tableOf(4);
    for (let i = 0; i < 10; i++) {
      const row = sceneAt('test', 3, i);
      const cols = sceneColumns(row.scene);
      expect(table.getChild('id')!.get(i)).toBe(row.id);
      expect(table.getChild('split')!.get(i)).toBe('test');
      expect(Float32Array.from(table.getChild('image')!.get(i)!)).toEqual(row.image);
      expect([...table.getChild('captions')!.get(i)!]).toEqual(row.captions);
      expect([...table.getChild('colors')!.get(i)!]).toEqual(cols.colors);
      expect([...table.getChild('cells')!.get(i)!]).toEqual(cols.cells);
      expect(table.getChild('relation')!.get(i)).toBe(cols.relation);
    }
    const image = table.schema.fields.find((f) => f.name === 'image')!;
    expect(Object.fromEntries(image.metadata)).toEqual({ height: '32', width: '32', channels: '3' });
    expect(table.schema.metadata.get('causal.stage')).toBe('make-scenes');
  });

  it('previews the first scenes as a PNG', () => {
    const png = scenesPreviewPng({ split: 'train', count: 5, seed: 0, batchSize: 8 });
    expect(Buffer.from(png.subarray(1, 4)).toString()).toBe('PNG');
  });
});
