/**
 * `causal make-scenes`: the scene table of the Synth² miniature (docs/scenes.md), one record batch of at most
 * `batchSize` rows at a time. The world, its renderer and its caption grammar live in src/scenes/.
 */
import { type RecordBatch, Schema } from 'apache-arrow';
import { type Provenance, provenanceMetadata } from '../io/batch.js';
import { batchOf, fixedListData, pixels, utf8Data } from '../io/images.js';
import { imageGridPng } from '../io/png.js';
import { SCENE_IMAGE_SHAPE, type SceneRow, type SplitName, attributeData, captionsData, sceneAt, sceneTableFields } from '../scenes/index.js';

export interface MakeScenesRun {
  readonly split: SplitName;
  readonly count: number;
  readonly seed: number;
  readonly batchSize: number;
}

/** Scenes in the --plot grid, four to a row. */
export const PREVIEW_SCENES = 16;
const PREVIEW_COLUMNS = 4;

export function makeScenesSchema(provenance: Provenance): Schema {
  return new Schema(sceneTableFields(), provenanceMetadata(provenance));
}

/** Scenes 0..count-1 of the run's split, in order; `onScene` hears the count done so far. */
export function* makeScenesBatches(run: MakeScenesRun, schema: Schema, onScene?: (done: number) => void): Generator<RecordBatch> {
  for (let start = 0; start < run.count; start += run.batchSize) {
    const rows: SceneRow[] = [];
    for (let i = start; i < Math.min(run.count, start + run.batchSize); i++) {
      rows.push(sceneAt(run.split, run.seed, i));
      onScene?.(i + 1);
    }
    yield scenesBatch(rows, schema);
  }
}

function scenesBatch(rows: readonly SceneRow[], schema: Schema): RecordBatch {
  const size = pixels(SCENE_IMAGE_SHAPE);
  const images = new Float32Array(rows.length * size);
  rows.forEach((r, i) => images.set(r.image, i * size));
  return batchOf(schema, [
    utf8Data(rows.map((r) => r.id)),
    fixedListData(schema.fields[1], images, rows.length),
    captionsData(rows.map((r) => r.captions)),
    utf8Data(rows.map((r) => r.split)),
    ...attributeData(rows.map((r) => r.scene)),
  ]);
}

/** The first scenes of the run (they are drawn again: each comes from its own stream) as a PNG grid. */
export function scenesPreviewPng(run: MakeScenesRun): Uint8Array {
  const images = Array.from({ length: Math.min(PREVIEW_SCENES, run.count) }, (_, i) => sceneAt(run.split, run.seed, i).image);
  const rows = Array.from({ length: Math.ceil(images.length / PREVIEW_COLUMNS) }, (_, r) => images.slice(r * PREVIEW_COLUMNS, (r + 1) * PREVIEW_COLUMNS));
  return imageGridPng(rows, SCENE_IMAGE_SHAPE);
}
