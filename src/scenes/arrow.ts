/**
 * The scene table's columns (docs/scenes.md): id Utf8, image FixedSizeList<Float32>[32*32*3], captions List<Utf8>,
 * split Utf8, and the attribute columns shapes, colors, sizes List<Utf8>, cells List<Int32> (one entry per object)
 * and relation Utf8 (nullable). The caption table carries the same attribute columns, nullable as a whole.
 */
import { type Data, Field, Int32, List, type RecordBatch, Utf8, vectorFromArray } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import { imageField } from '../io/images.js';
import { SCENE_IMAGE_SHAPE } from './render.js';
import { CELLS, COLORS, MAX_OBJECTS, RELATIONS, SHAPES, SIZES, type Relation, type Scene, relationHolds } from './world.js';

/** A scene as its attribute columns hold it. */
export interface SceneColumns {
  readonly shapes: string[];
  readonly colors: string[];
  readonly sizes: string[];
  readonly cells: number[];
  readonly relation: string | null;
}

export const ATTRIBUTE_COLUMNS = ['shapes', 'colors', 'sizes', 'cells', 'relation'] as const;

const stringList = (): List<Utf8> => new List(new Field('item', new Utf8(), true));
const intList = (): List<Int32> => new List(new Field('item', new Int32(), true));

export function sceneColumns(scene: Scene): SceneColumns {
  return {
    shapes: scene.objects.map((o) => o.shape),
    colors: scene.objects.map((o) => o.color),
    sizes: scene.objects.map((o) => o.size),
    cells: scene.objects.map((o) => o.cell),
    relation: scene.relation,
  };
}

/** The attribute fields; `nullable` for tables whose rows may lack a scene (the caption table). */
export function attributeFields(nullable: boolean): Field[] {
  return [
    new Field('shapes', stringList(), nullable),
    new Field('colors', stringList(), nullable),
    new Field('sizes', stringList(), nullable),
    new Field('cells', intList(), nullable),
    new Field('relation', new Utf8(), true),
  ];
}

/** The five attribute columns for `scenes`, null where a row has no scene. */
export function attributeData(scenes: readonly (Scene | null)[]): Data[] {
  const cols = scenes.map((s) => (s ? sceneColumns(s) : null));
  return [
    vectorFromArray(cols.map((c) => c?.shapes ?? null), stringList()).data[0],
    vectorFromArray(cols.map((c) => c?.colors ?? null), stringList()).data[0],
    vectorFromArray(cols.map((c) => c?.sizes ?? null), stringList()).data[0],
    vectorFromArray(cols.map((c) => c?.cells ?? null), intList()).data[0],
    vectorFromArray(cols.map((c) => c?.relation ?? null), new Utf8()).data[0],
  ];
}

/** The scene table's fields, in order. */
export function sceneTableFields(): Field[] {
  return [
    new Field('id', new Utf8(), false),
    imageField('image', SCENE_IMAGE_SHAPE),
    new Field('captions', stringList(), false),
    new Field('split', new Utf8(), false),
    ...attributeFields(false),
  ];
}

export function captionsData(captions: readonly (readonly string[])[]): Data {
  return vectorFromArray(captions.map((c) => [...c]), stringList()).data[0];
}

/** The scene that row `row` of `batch` describes, or null when its attribute columns are null; `source` names the table in errors. */
export function sceneOfRow(batch: RecordBatch, row: number, source: string): Scene | null {
  const get = (name: string): unknown => {
    const column = batch.getChild(name);
    if (!column) throw new DataError(`${source}: no column '${name}' (scene attributes need ${ATTRIBUTE_COLUMNS.join(', ')})`);
    return column.get(row);
  };
  const list = (name: string): unknown[] | null => {
    const v = get(name) as Iterable<unknown> | null;
    return v === null ? null : [...v];
  };
  const [shapes, colors, sizes, cells] = [list('shapes'), list('colors'), list('sizes'), list('cells')];
  if (!shapes && !colors && !sizes && !cells) return null;
  const relation = get('relation');
  return sceneFromColumns({ shapes: (shapes ?? []).map(String), colors: (colors ?? []).map(String), sizes: (sizes ?? []).map(String), cells: (cells ?? []).map(Number), relation: relation === null ? null : String(relation) }, `${source}: row ${row}`);
}

/** The scene the columns describe, checked: one entry per object in each list, known values, a relation that holds. */
export function sceneFromColumns(c: SceneColumns, where: string): Scene {
  const n = c.shapes.length;
  if (n < 1 || n > MAX_OBJECTS || [c.colors, c.sizes, c.cells].some((l) => l.length !== n)) {
    throw new DataError(`${where}: shapes, colors, sizes and cells must each hold one entry per object (1 to ${MAX_OBJECTS})`);
  }
  const known = (values: readonly string[], v: string, column: string): string => {
    if (!values.includes(v)) throw new DataError(`${where}: '${v}' in column '${column}' is not one of ${values.join(', ')}`);
    return v;
  };
  const objects = c.shapes.map((shape, i) => {
    const cell = c.cells[i];
    if (!Number.isInteger(cell) || cell < 0 || cell >= CELLS || c.cells.indexOf(cell) !== i) throw new DataError(`${where}: cells must be distinct integers in 0..${CELLS - 1}`);
    return { shape: known(SHAPES, shape, 'shapes'), color: known(COLORS, c.colors[i], 'colors'), size: known(SIZES, c.sizes[i], 'sizes'), cell } as Scene['objects'][number];
  });
  const relation = c.relation === null ? null : (known(RELATIONS, c.relation, 'relation') as Relation);
  if (relation && (n < 2 || !relationHolds(relation, objects[0].cell, objects[1].cell))) {
    throw new DataError(`${where}: relation '${relation}' does not hold between the first two objects' cells`);
  }
  return { objects, relation };
}
