/**
 * `causal train --init DIR`: the weights of a trained image model (a classifier or a self-supervised encoder) as the
 * starting point of a new run, the semi-supervised protocol of SemPPL and SimCLR (pretrain, then fine-tune every
 * weight on the labelled subset). Parameters are matched by name, so an encoder's trunk carries over between the
 * objectives (they share `buildTrunk`), while a head the source lacks, or one of another size, starts fresh.
 */
import { DataError, UsageError } from '../common/errors.js';
import type { Graph, TensorData } from '../engine/graph.js';
import { readInitializers } from '../engine/initializers.js';
import { type ImageShape } from '../io/images.js';
import { MODEL_ONNX, readModelCard, readModelOnnx, TASKS, type ModelCardBase } from '../io/model-dir.js';
import type { EncoderSpec } from '../vision/architectures.js';

export interface Pretrained {
  dir: string;
  /** The source's input standardisation: its trunk was trained on pixels scaled by these, so the new run keeps them. */
  mean: number;
  std: number;
  weights: Map<string, TensorData>;
}

interface ImageModelCard extends ModelCardBase {
  architecture: EncoderSpec;
}

/** Reads DIR's card and weights; the encoder it holds must be the one described by `want` (same architecture and sizes). */
export async function readPretrained(dir: string, want: { architecture: EncoderSpec['architecture']; input: ImageShape; hidden?: number[]; widths?: number[] }): Promise<Pretrained> {
  const card = await readModelCard<ImageModelCard>(dir);
  if (card.task !== TASKS.supervised && card.task !== TASKS.ssl) {
    throw new UsageError(`--init ${dir}: a ${card.task} model; --init takes an image classifier or encoder from \`causal train\``);
  }
  const a = card.architecture;
  const differs = (what: string, have: unknown, need: unknown): never => {
    throw new UsageError(`--init ${dir}: its ${what} is ${JSON.stringify(have)} but this run's is ${JSON.stringify(need)}`);
  };
  if (a.architecture !== want.architecture) differs('--model', a.architecture, want.architecture);
  const shape = (s: ImageShape): string => `${s.height}x${s.width}x${s.channels}`;
  if (shape(a.input) !== shape(want.input)) differs('image size', shape(a.input), shape(want.input));
  // Unset sizes mean the architecture's defaults on both sides, so only two given lists can disagree.
  for (const k of ['hidden', 'widths'] as const) {
    if (a[k] && want[k] && a[k]!.join() !== want[k]!.join()) differs(`--${k}`, a[k]!.join(','), want[k]!.join(','));
  }
  const weights = readInitializers(await readModelOnnx(dir), `${dir}/${MODEL_ONNX}`);
  return { dir, mean: a.mean, std: a.std, weights };
}

/**
 * The source weights that `graph` has a parameter or buffer of the same name and shape for (at least one must), and
 * the trainable parameters left to their initialisers.
 */
export function initialFrom(p: Pretrained, graph: Graph): { initial: Map<string, TensorData>; fresh: string[] } {
  const initial = new Map<string, TensorData>();
  const fresh: string[] = [];
  for (const [name, spec] of graph.params) {
    const t = p.weights.get(name);
    if (t && t.dtype === spec.value.dtype && t.shape.join() === spec.shape.join()) initial.set(name, t);
    else if (spec.trainable) fresh.push(name);
  }
  if (initial.size === 0) throw new DataError(`--init ${p.dir}: none of its weights fits this model (names or shapes differ)`);
  return { initial, fresh };
}
