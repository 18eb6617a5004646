import path from 'node:path';
import { UsageError } from '../common/errors.js';
import { decodeCheckpoint } from '../engine/checkpoint.js';
import type { TensorData } from '../engine/graph.js';
import { CHECKPOINT, holdsModel, readCheckpointBytes } from '../io/model-dir.js';

/**
 * Where a training run into the model directory `dir` starts: with --resume, the checkpoint's metadata and tensors
 * (an error when there is none); without, nothing, and an error when the directory already holds a model, so a run
 * never overwrites one. Image and CLRS training share it.
 */
export async function startRun<M>(dir: string, resume: boolean): Promise<{ meta: M; tensors: Map<string, TensorData> } | null> {
  if (resume) {
    const bytes = await readCheckpointBytes(dir);
    if (!bytes) throw new UsageError(`--resume: ${path.join(dir, CHECKPOINT)} not found; start without --resume`);
    const ckpt = decodeCheckpoint<M>(bytes, path.join(dir, CHECKPOINT));
    return { meta: ckpt.meta, tensors: ckpt.tensors };
  }
  if (await holdsModel(dir)) throw new UsageError(`${dir} already holds a model; continue it with --resume, or choose another --output`);
  return null;
}
