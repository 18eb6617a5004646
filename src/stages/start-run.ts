import path from 'node:path';
import { UsageError } from '../common/errors.js';
import { decodeCheckpoint } from '../engine/checkpoint.js';
import type { TensorData } from '../engine/graph.js';
import { CHECKPOINT, holdsModel, readCheckpointBytes } from '../io/model-dir.js';

/**
 * Where a training run into the model directory `dir` starts: with --resume, the checkpoint's metadata and tensors
 * (an error when there is none); without, nothing, and an error when the directory already holds a model, so a run
 * never overwrites one. Every trainer shares it.
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

/**
 * The saved training arguments of a resumed run, after checking that every flag given again agrees with them: a
 * resumed run must take exactly the steps the interrupted one would have. `flagOf` names an argument's flag where it
 * is not the argument in kebab case.
 */
export function mergeResumed<A extends object>(saved: A, flags: Partial<A>, flagOf: Record<string, string> = {}): A {
  const show = (x: unknown): string => (x === undefined || x === null ? 'unset' : typeof x === 'object' ? JSON.stringify(x) : String(x));
  for (const [k, v] of Object.entries(flags)) {
    if (v === undefined) continue;
    const s = (saved as Record<string, unknown>)[k];
    if (JSON.stringify(s) !== JSON.stringify(v)) {
      const flag = flagOf[k] ?? k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      throw new UsageError(`--resume: --${flag} ${show(v)} differs from the checkpoint's ${show(s)}; resume with the same arguments`);
    }
  }
  return saved;
}

/**
 * The training means a model card reports: those of the steps just taken, or, for a run resumed at its last step
 * (no step taken), the named means of the last epoch kept in the history.
 */
export function trainingMeans<H extends object>(taken: Record<string, number>, history: readonly H[], keys: readonly (keyof H & string)[]): Record<string, number> {
  const last = history.at(-1);
  if (Object.keys(taken).length || !last) return taken;
  return Object.fromEntries(keys.map((k) => [k, last[k] as number]));
}

