/**
 * What `causal train` needs to run a self-supervised objective: the step graph, batches of augmented views drawn
 * on the fly (a fresh draw for every step, from rngFor(seed, 'views <step>'), so a resumed run sees the same
 * views), the target network's EMA schedule, and SemPPL's label queue.
 */
import { augmentBatch, type AugmentPolicy } from '../augment/index.js';
import { rngFor, type Rng } from '../common/random.js';
import type { TensorData } from '../engine/graph.js';
import { ort } from '../engine/runtime.js';
import { buildTrainStep, type BuiltStep, type StepResult } from '../engine/train-step.js';
import type { Optimizer } from '../engine/optim/optimizer.js';
import type { ImageTable } from '../io/images.js';
import { cosineEmaDecay } from './ema-schedule.js';
import { LabelQueue } from './label-queue.js';
import { LABEL_INPUT, QUEUE_CANDIDATES, sslLoss, VIEWS_INPUT, type SslSpec } from './objective.js';

export interface SslTraining {
  built: BuiltStep;
  batch: (indices: Int32Array, step: number) => Record<string, ort.Tensor>;
  emaDecay?: (step: number) => number;
  afterStep?: (r: StepResult, indices: Int32Array) => void;
  /** State to checkpoint besides the step's own (the queue). */
  state: () => Map<string, TensorData>;
  restore: (state: ReadonlyMap<string, TensorData>) => void;
}

export interface SslRunOptions {
  optimizer: Optimizer;
  policy: AugmentPolicy;
  seed: number;
  totalSteps: number;
  /** EMA decay at step 1 (rising to 1 on a cosine). */
  emaDecay: number;
  /** Labels for SemPPL (-1 = unlabelled); ignored by the other objectives. */
  labels: Int32Array | null;
  /** SemPPL: labelled images put into every batch (see `withLabelled`). */
  labelledPerBatch?: number;
}

export function sslTraining(table: ImageTable, spec: SslSpec, o: SslRunOptions): SslTraining {
  const built = buildTrainStep({ build: sslLoss(spec), optimizer: o.optimizer });
  const b = spec.batchSize;
  const pixels = table.images.length / table.rows;
  const views = new Float32Array((spec.largeViews + spec.smallViews) * b * pixels);
  const feeds: Record<string, ort.Tensor> = { [VIEWS_INPUT]: new ort.Tensor('float32', views, [views.length / pixels, pixels]) };
  let queue: LabelQueue | null = null;
  const batchLabels = new Int32Array(b);
  let labelledRows: Int32Array | null = null;
  if (spec.objective === 'semppl') {
    labelledRows = Int32Array.from(o.labels!.keys()).filter((r) => o.labels![r] >= 0);
    queue = new LabelQueue(spec.queueSize!, spec.heads.projection);
    const labelData = new BigInt64Array(b);
    feeds[LABEL_INPUT] = new ort.Tensor('int64', labelData, [b]);
    Object.assign(feeds, queue.feeds);
  }
  return {
    built,
    batch: (drawn, step) => {
      const indices = labelledRows ? withLabelled(drawn, labelledRows, o.labelledPerBatch ?? 0, rngFor(o.seed, `labelled ${step}`)) : drawn;
      augmentBatch(table.images, table.shape, indices, o.policy, rngFor(o.seed, `views ${step}`), views);
      if (queue) {
        const labelData = feeds[LABEL_INPUT].data as BigInt64Array;
        for (let i = 0; i < indices.length; i++) {
          batchLabels[i] = o.labels![indices[i]];
          labelData[i] = BigInt(batchLabels[i]);
        }
      }
      return feeds;
    },
    emaDecay: spec.objective === 'simclr' ? undefined : cosineEmaDecay(o.emaDecay, o.totalSteps),
    afterStep: queue ? (r) => queue!.push(r.outputs[QUEUE_CANDIDATES].data as Float32Array, batchLabels) : undefined,
    state: () => queue?.state() ?? new Map(),
    restore: (state) => queue?.restore(state),
  };
}

/**
 * The batch with its first `count` rows replaced by labelled rows drawn without replacement (rows already in the
 * batch's rest are skipped, so no image meets itself as a negative; if too few remain, the drawn rows stay). With 1% labels a uniform batch of 128 holds
 * about one labelled image: the queue of labelled embeddings would refresh once every few hundred steps and
 * almost every anchor would rely on a pseudo-label. Semi-supervised methods draw a labelled share of every batch
 * instead (our reading for SemPPL; the paper's exact ratio is not known, docs/ssl.md).
 */
export function withLabelled(drawn: Int32Array, labelled: Int32Array, count: number, rng: Rng): Int32Array {
  const m = Math.min(count, labelled.length, drawn.length);
  if (m === 0) return drawn;
  const out = drawn.slice();
  const rest = new Set(out.subarray(m));
  const pool = labelled.slice();
  let filled = 0;
  for (let i = 0; i < pool.length && filled < m; i++) {
    const j = i + rng.int(pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
    if (!rest.has(pool[i])) out[filled++] = pool[i];
  }
  return out;
}
