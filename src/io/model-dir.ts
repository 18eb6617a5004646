/**
 * A model directory (ARCHITECTURE.md): `model.onnx` (inference graph, weights inside), `model.json` (the model
 * card: architecture, input and output schema, training arguments, metrics, versions) and `checkpoint/latest.ckpt`
 * (training state for --resume). Every file is written atomically.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DataError, UsageError } from '../common/errors.js';
import { writeFileAtomic } from './atomic-file.js';

export const MODEL_ONNX = 'model.onnx';
export const MODEL_JSON = 'model.json';
export const CHECKPOINT = path.join('checkpoint', 'latest.ckpt');
export const MODEL_FORMAT = 'causal-model/1';
/**
 * What a model directory's model.onnx does: classify images (logits), embed them (an encoder, no classes), run
 * one processor step of a CLRS algorithm's encode-process-decode network, tokenize images (a VQ-VAE encoder,
 * with decoder.onnx and codebook.f32 beside it), score the next word of a caption given image tokens, or score the
 * codes of masked image tokens given a caption.
 */
export const TASKS = {
  supervised: 'image-classification',
  ssl: 'image-embedding',
  clrs: 'clrs-step',
  vq: 'image-tokenizer',
  captioning: 'image-captioning',
  t2i: 'text-to-image-tokens',
} as const;

/** The fields every model card has; the rest belongs to the stage that wrote it. */
export interface ModelCardBase {
  format: string;
  task: string;
}

export async function readModelCard<T extends ModelCardBase>(dir: string): Promise<T> {
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat?.isDirectory()) throw new UsageError(`${dir}: no such model directory`);
  const file = path.join(dir, MODEL_JSON);
  const text = await fs.readFile(file, 'utf8').catch(() => null);
  if (text === null) throw new UsageError(`${dir}: not a model directory (no ${MODEL_JSON}); train one with \`causal train\``);
  let card: T;
  try {
    card = JSON.parse(text) as T;
  } catch {
    throw new DataError(`${file}: not valid JSON`);
  }
  if (card.format !== MODEL_FORMAT) throw new DataError(`${file}: unknown model format '${card.format}' (expected ${MODEL_FORMAT})`);
  return card;
}

export async function readModelOnnx(dir: string): Promise<Uint8Array> {
  const file = path.join(dir, MODEL_ONNX);
  const bytes = await fs.readFile(file).catch(() => null);
  if (!bytes) throw new DataError(`${dir}: ${MODEL_ONNX} is missing`);
  return bytes;
}

export async function writeModel(dir: string, onnx: Uint8Array, card: ModelCardBase): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await writeFileAtomic(path.join(dir, MODEL_ONNX), onnx);
  await writeFileAtomic(path.join(dir, MODEL_JSON), `${JSON.stringify(card, null, 2)}\n`);
}

export async function readCheckpointBytes(dir: string): Promise<Uint8Array | null> {
  return fs.readFile(path.join(dir, CHECKPOINT)).catch(() => null);
}

export async function writeCheckpointBytes(dir: string, bytes: Uint8Array): Promise<void> {
  await fs.mkdir(path.join(dir, path.dirname(CHECKPOINT)), { recursive: true });
  await writeFileAtomic(path.join(dir, CHECKPOINT), bytes);
}

/** Whether `dir` already holds a model or a checkpoint (a new training run refuses to overwrite it). */
export async function holdsModel(dir: string): Promise<boolean> {
  for (const f of [MODEL_JSON, CHECKPOINT]) if (await fs.stat(path.join(dir, f)).catch(() => null)) return true;
  return false;
}
