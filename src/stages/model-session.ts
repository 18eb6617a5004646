/** Opening a trained model: its model card, one ONNX Runtime session on the chosen device, input checks. */
import path from 'node:path';
import { DataError } from '../common/errors.js';
import { createSession, type ort, type RuntimeOptions } from '../engine/runtime.js';
import type { ImageTable } from '../io/images.js';
import { MODEL_JSON, TASKS, readModelCard, readModelOnnx } from '../io/model-dir.js';
import type { ModelCard } from './train.js';

export interface OpenModel {
  card: ModelCard;
  session: ort.InferenceSession;
}

/** `tasks`: what the caller can use; a classifier by default (an image-embedding model has no classes). */
export async function openModel(dir: string, runtime: RuntimeOptions, tasks: readonly string[] = [TASKS.supervised]): Promise<OpenModel> {
  const card = await readModelCard<ModelCard>(dir);
  if (!tasks.includes(card.task)) {
    const hint = card.task === TASKS.ssl ? ` (a ${card.objective} encoder: embed with \`causal embed\`, then \`causal eval --probe\`)` : '';
    throw new DataError(`${path.join(dir, MODEL_JSON)}: task '${card.task}' is not an image classifier${hint}`);
  }
  const session = await createSession(await readModelOnnx(dir), runtime);
  return { card, session };
}

/** Refuses images of another size than the model was trained on, naming both. */
export function checkModelInput(t: ImageTable, card: ModelCard, dir: string): void {
  const s = t.shape;
  const w = card.input;
  if (s.height !== w.height || s.width !== w.width || s.channels !== w.channels) {
    throw new DataError(`${t.source}: images are ${s.height}x${s.width}x${s.channels} but the model in ${dir} takes ${w.height}x${w.width}x${w.channels}`);
  }
}
