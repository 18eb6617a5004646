import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { type DataType, Field, Int32, List, RecordBatchStreamWriter, Utf8, tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeBatch } from '../../src/io/batch.js';
import { causal, pipeline, tempDir } from './helpers.js';

const STRINGS = new List(new Field('item', new Utf8(), true));

/** The method note's three-scene CIDEr-D test vector (synth2.md §5.4 (d)); pycocoevalcap's values for it below. */
const ROWS = [
  { id: 's1', caption: 'a red cube left of a blue sphere', captions: ['a red cube to the left of a blue sphere', 'a blue sphere right of a red cube'] },
  { id: 's2', caption: 'a green cylinder', captions: ['a small green cylinder', 'a green cylinder on the floor'] },
  { id: 's3', caption: 'two yellow spheres', captions: ['two yellow balls', 'a pair of yellow spheres'] },
];

function writeCaptions(file: string, columns: { name: string; type: DataType; values: unknown[] }[]): string {
  writeFileSync(file, RecordBatchStreamWriter.writeAll([makeBatch(columns, new Map())]).toUint8Array(true));
  return file;
}

const idColumn = { name: 'id', type: new Utf8() as DataType, values: ROWS.map((r) => r.id) as unknown[] };
const captionColumn = { name: 'caption', type: new Utf8() as DataType, values: ROWS.map((r) => r.caption) as unknown[] };
const referencesColumn = { name: 'captions', type: STRINGS as DataType, values: ROWS.map((r) => r.captions) as unknown[] };

let dir: string;
let table: string;

beforeAll(() => {
  dir = tempDir('eval-captions');
  table = writeCaptions(path.join(dir, 'scenes.arrow'), [idColumn, captionColumn, referencesColumn]);
});

const oneLine = (stderr: unknown): void => expect(String(stderr).trim().split('\n')).toHaveLength(1);

describe('causal eval --metric cider,bleu,rouge', () => {
  it('prints the set-level scores as JSON', async () => {
    const r = await causal(['eval', table, '--metric', 'rouge,bleu,cider', '--json']);
    expect(r.exitCode).toBe(0);
    const m = JSON.parse(String(r.stdout));
    expect(Object.keys(m)).toEqual(['images', 'references', 'cider', 'bleu_1', 'bleu_2', 'bleu_3', 'bleu_4', 'bleu_test_length', 'bleu_reference_length', 'rouge_l']);
    expect(m).toMatchObject({ images: 3, references: 6, bleu_test_length: 14, bleu_reference_length: 15 });
    expect(m.cider).toBeCloseTo(3.8453142864660457, 13);
    // pycocoevalcap's Bleu and Rouge on the same set (a py3 port of bleu_scorer.py and rouge.py).
    expect(m.bleu_1).toBeCloseTo(0.9310627795710141, 14);
    expect(m.bleu_4).toBeCloseTo(0.6428591006340785, 14);
    expect(m.rouge_l).toBeCloseTo(0.7912372254838007, 14);
    expect(String(r.stderr)).toMatch(/3 images, 6 reference captions/);
    expect(String(r.stderr)).toMatch(/CIDEr-D.*3\.8453/);
  });

  it('writes per-row CIDEr-D and ROUGE-L as Arrow from a pipe, with the set scores in causal.metrics', async () => {
    const r = await pipeline(`cat ${table} | causal eval --metric cider,bleu,rouge | cat`, { encoding: 'buffer' });
    expect(r.exitCode).toBe(0);
    const t = tableFromIPC(r.stdout as Buffer);
    expect(t.schema.fields.map((f) => f.name)).toEqual(['id', 'cider', 'rouge_l']);
    expect(t.getChild('id')!.toArray()).toEqual(['s1', 's2', 's3']);
    [5.362435969824947, 3.526123873753886, 2.6473830158193055].forEach((v, i) => expect((t.getChild('cider')!.toArray() as Float64Array)[i]).toBeCloseTo(v, 13));
    const m = JSON.parse(t.schema.metadata.get('causal.metrics')!);
    expect(m.cider).toBeCloseTo(3.8453142864660457, 13);
    expect(t.schema.metadata.get('causal.stage')).toBe('eval');
    expect(JSON.parse(t.schema.metadata.get('causal.params')!)).toMatchObject({ task: 'captions', metrics: ['cider', 'bleu', 'rouge'] });
  });

  it('reads renamed columns, and numbers rows when there is no id', async () => {
    const renamed = writeCaptions(path.join(dir, 'renamed.arrow'), [
      { ...captionColumn, name: 'generated' },
      { ...referencesColumn, name: 'human' },
    ]);
    const r = await causal(['eval', renamed, '--metric', 'cider', '--candidates', 'generated', '--references', 'human'], { encoding: 'buffer' });
    expect(r.exitCode).toBe(0);
    const t = tableFromIPC(r.stdout as Buffer);
    expect(t.schema.fields.map((f) => f.name)).toEqual(['row', 'cider']);
    expect(Array.from(t.getChild('row')!.toArray() as Int32Array)).toEqual([0, 1, 2]);
    expect(Object.keys(JSON.parse(t.schema.metadata.get('causal.metrics')!))).toEqual(['images', 'references', 'cider']);
  });

  it('refuses bad input with one line naming the column, and a non-zero exit', async () => {
    let r = await causal(['eval', table, '--metric', 'cider', '--candidates', 'generated']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/scenes\.arrow: missing column 'generated' \(expected Utf8; columns: id, caption, captions\)/);
    oneLine(r.stderr);

    const numbers = writeCaptions(path.join(dir, 'numbers.arrow'), [captionColumn, { name: 'captions', type: new Int32(), values: [1, 2, 3] }]);
    r = await causal(['eval', numbers, '--metric', 'bleu']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/numbers\.arrow: column 'captions' has type Int32, expected List<Utf8> or Utf8/);
    oneLine(r.stderr);

    const holes = writeCaptions(path.join(dir, 'holes.arrow'), [
      idColumn,
      { ...captionColumn, values: ['a cube', null, 'a ball'] },
      referencesColumn,
    ]);
    r = await causal(['eval', holes, '--metric', 'rouge']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/holes\.arrow: row 1 \(id 's2'\): column 'caption' is null/);
    oneLine(r.stderr);

    const bare = writeCaptions(path.join(dir, 'bare.arrow'), [captionColumn, { ...referencesColumn, values: [['a cube'], [], null] }]);
    r = await causal(['eval', bare, '--metric', 'cider']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/bare\.arrow: row 1: column 'captions' has no reference captions/);
    oneLine(r.stderr);
  });

  it('refuses flags that do not go with --metric', async () => {
    let r = await causal(['eval', table, '--metric', 'cider,meteor']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--metric must be one of cider, bleu, rouge, objects; got 'meteor'/);
    oneLine(r.stderr);

    r = await causal(['eval', table, '--metric', 'cider', '--plot', 'x.svg']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--plot does not apply to --metric/);

    r = await causal(['eval', table, '--references', 'captions']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--candidates and --references apply with --metric/);
  });
});

describe('causal eval --metric objects', () => {
  const scenes = [
    { id: 'a', caption: 'a red circle and a green square', captions: ['a red circle left of a blue square', 'a blue square right of a red circle'] },
    { id: 'b', caption: 'a single white cross', captions: ['an image of a small white cross'] },
  ];
  const columns = [
    { name: 'id', type: new Utf8() as DataType, values: scenes.map((x) => x.id) },
    { name: 'caption', type: new Utf8() as DataType, values: scenes.map((x) => x.caption) },
  ];

  it('scores candidates by the objects they name, against reference lists or one reference per row', async () => {
    const listed = writeCaptions(path.join(dir, 'scenes-listed.arrow'), [...columns, { name: 'captions', type: STRINGS, values: scenes.map((x) => x.captions) }]);
    const single = writeCaptions(path.join(dir, 'scenes-single.arrow'), [...columns, { name: 'prompt', type: new Utf8(), values: scenes.map((x) => x.captions[0]) }]);
    const a = await causal(['eval', listed, '--metric', 'objects', '--json']);
    const b = await causal(['eval', single, '--metric', 'objects', '--references', 'prompt', '--json']);
    expect(a.exitCode).toBe(0);
    expect(b.exitCode).toBe(0);
    const m = JSON.parse(String(a.stdout));
    // three reference objects: red circle (named), blue square (shape only), white cross (named)
    expect(m).toMatchObject({ images: 2, objects_parsed: 1, objects_count: 1, objects_colour: 2 / 3, objects_shape: 1, objects_pair: 2 / 3, objects_exact: 0.5 });
    expect(JSON.parse(String(b.stdout))).toMatchObject({ references: 2, objects_pair: 2 / 3 });
    expect(String(a.stderr)).toMatch(/\(colour, shape\) recall\s+0\.6667/);
  });
});
