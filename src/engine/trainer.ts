/**
 * The training loop around a `TrainStep`: seeded shuffled mini-batches over an in-memory dataset, a learning-rate
 * schedule, periodic evaluation and checkpoints, progress, and a stop on a non-finite loss.
 *
 * Every random choice is a function of (seed, epoch) or of the step's own counter, so the loop keeps no random
 * state of its own: the batch order of epoch e is a Fisher-Yates shuffle from rngFor(seed, 'epoch e'), and a run
 * resumed at step t (from `TrainStep.checkpoint()`) takes exactly the batches and dropout seeds it would have
 * taken uninterrupted.
 */
import { DataError, UsageError } from '../common/errors.js';
import { rngFor } from '../common/random.js';
import type { TensorData } from './graph.js';
import type { ort } from './runtime.js';
import { StepMeans } from './step-means.js';
import type { StepResult, TrainStep } from './train-step.js';

export interface TrainerOptions {
  /** Rows in the training set. */
  examples: number;
  batchSize: number;
  /** Total steps; every epoch takes floor(examples / batchSize) full batches (at least one). */
  totalSteps: number;
  seed: number;
  lr: (step: number) => number;
  /** Fills the feeds for rows `indices` (the batch, in order) of step `step` (1-based). */
  batch: (indices: Int32Array, step: number) => Record<string, ort.Tensor>;
  /** The EMA decay of step `step`, for models with a target network or EMA shadows. */
  emaDecay?: (step: number) => number;
  /** Reads what the step returned besides the loss (e.g. to update a queue kept outside the graph). */
  afterStep?: (result: StepResult, indices: Int32Array) => void;
  /** Evaluate every this many steps and at the end (0: only at the end). */
  evalEvery?: number;
  evaluate?: (step: number) => Promise<Record<string, number>>;
  /** Save a checkpoint every this many steps and at the end (0: only at the end). */
  checkpointEvery?: number;
  saveCheckpoint?: (state: Map<string, TensorData>, at: TrainerPosition) => Promise<void>;
  onProgress?: (p: TrainerProgress) => void;
}

export interface TrainerPosition {
  step: number;
  epoch: number;
}

export interface TrainerProgress extends TrainerPosition {
  totalSteps: number;
  /** The evaluation's metrics when one ran at this step. */
  eval: Record<string, number> | null;
  loss: number;
  metrics: Record<string, number>;
  /** At an epoch's last step and at the run's last: the mean loss and metrics of the epoch's steps in this run. */
  epochMeans: Record<string, number> | null;
  examplesPerSecond: number;
  etaSeconds: number;
}

export interface TrainerResult {
  steps: number;
  /** Mean training loss and metrics over the last epoch's steps (or over the steps this run took, if fewer). */
  train: Record<string, number>;
  eval: Record<string, number> | null;
  seconds: number;
}

export function stepsPerEpoch(examples: number, batchSize: number): number {
  return Math.max(1, Math.floor(examples / batchSize));
}

/** Training diverged: the loss at `step` was NaN or infinite. */
export class DivergedError extends DataError {}

export async function runTraining(step: TrainStep, o: TrainerOptions): Promise<TrainerResult> {
  if (o.examples <= 0) throw new UsageError('trainer: no training examples');
  const B = Math.min(o.batchSize, o.examples);
  const perEpoch = stepsPerEpoch(o.examples, B);
  const evalEvery = o.evalEvery ?? 0;
  const ckptEvery = o.checkpointEvery ?? 0;
  const at = (t: number): TrainerPosition => ({ step: t, epoch: Math.floor((t - 1) / perEpoch) + 1 });
  let order: Int32Array | null = null;
  let orderEpoch = -1;
  const indices = new Int32Array(B);
  const started = performance.now();
  const startStep = step.steps;
  const window: { loss: number; metrics: Record<string, number> }[] = [];
  const epochSums = new StepMeans();
  let evalMetrics: Record<string, number> | null = null;

  const evaluate = async (t: number): Promise<Record<string, number> | null> => {
    if (!o.evaluate) return null;
    evalMetrics = await o.evaluate(t);
    return evalMetrics;
  };
  const checkpoint = async (t: number): Promise<void> => {
    if (o.saveCheckpoint) await o.saveCheckpoint(step.checkpoint(), at(t));
  };

  while (step.steps < o.totalSteps) {
    const t = step.steps + 1;
    const epoch = Math.floor((t - 1) / perEpoch);
    if (epoch !== orderEpoch) {
      order = shuffled(o.examples, rngFor(o.seed, `epoch ${epoch}`));
      orderEpoch = epoch;
    }
    const from = ((t - 1) % perEpoch) * B;
    indices.set(order!.subarray(from, from + B));
    const r = await step.run(o.batch(indices, t), o.lr(t), { emaDecay: o.emaDecay?.(t) });
    if (!Number.isFinite(r.loss)) {
      step.rollback();
      await checkpoint(t - 1);
      throw new DivergedError(
        `training diverged: the loss was ${r.loss} at step ${t} (epoch ${at(t).epoch}); the last good state (step ${t - 1}) is kept in the checkpoint; lower --lr or check the input for NaN values`,
      );
    }
    o.afterStep?.(r, indices);
    window.push(r);
    if (window.length > perEpoch) window.shift();
    epochSums.add({ loss: r.loss, ...r.metrics });
    const last = t === o.totalSteps;
    const epochMeans = last || t % perEpoch === 0 ? epochSums.take() : null;
    const evaluated = last || (evalEvery > 0 && t % evalEvery === 0) ? await evaluate(t) : null;
    if (o.onProgress) {
      const elapsed = (performance.now() - started) / 1000;
      const done = t - startStep;
      o.onProgress({
        ...at(t),
        totalSteps: o.totalSteps,
        eval: evaluated,
        loss: r.loss,
        metrics: r.metrics,
        epochMeans,
        examplesPerSecond: (done * B) / Math.max(elapsed, 1e-9),
        etaSeconds: (elapsed / done) * (o.totalSteps - t),
      });
    }
    if (last || (ckptEvery > 0 && t % ckptEvery === 0)) await checkpoint(t);
  }
  if (step.steps === startStep && startStep > 0) await evaluate(startStep);
  const train: Record<string, number> = {};
  if (window.length) {
    train.loss = mean(window.map((w) => w.loss));
    for (const k of Object.keys(window[0].metrics)) train[k] = mean(window.map((w) => w.metrics[k]));
  }
  return { steps: step.steps, train, eval: evalMetrics, seconds: (performance.now() - started) / 1000 };
}

function shuffled(n: number, rng: ReturnType<typeof rngFor>): Int32Array {
  return Int32Array.from(rng.shuffle(Array.from({ length: n }, (_, i) => i)));
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
