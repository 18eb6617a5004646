/**
 * `causal train`: a classifier on an image table, written as a model directory. Reads the whole table into memory,
 * builds the step graph for the architecture and objective, runs the engine's trainer with periodic evaluation and
 * atomic checkpoints, and exports model.onnx and model.json at the end. `resume` continues from the directory's
 * checkpoint with the arguments saved in it.
 */
import path from 'node:path';
import { DataError, UsageError } from '../common/errors.js';
import { VERSION } from '../common/version.js';
import { decodeCheckpoint, encodeCheckpoint } from '../engine/checkpoint.js';
import { exportInference } from '../engine/export.js';
import type { TensorData } from '../engine/graph.js';
import { adamw, sgd, warmupCosine } from '../engine/optim/index.js';
import { createSession, ort, type Device } from '../engine/runtime.js';
import { buildTrainStep, TrainStep } from '../engine/train-step.js';
import { runTraining, stepsPerEpoch, type TrainerPosition } from '../engine/trainer.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { type ImageShape, type ImageTable, readImageTable } from '../io/images.js';
import { CHECKPOINT, MODEL_FORMAT, holdsModel, readCheckpointBytes, writeCheckpointBytes, writeModel } from '../io/model-dir.js';
import { summariseClassification } from '../metrics/classification.js';
import type { Architecture, ClassifierSpec } from '../vision/architectures.js';
import { classifierInference, supervisedLoss } from '../vision/supervised.js';
import { classify } from './classify.js';

export const OBJECTIVES = ['supervised'] as const;
export const OPTIMIZERS = ['adamw', 'sgd'] as const;
export const SCHEDULES = ['cosine', 'constant'] as const;

/** The arguments that define a run; saved in the checkpoint and model.json, and fixed on --resume. */
export interface TrainArgs {
  model: Architecture;
  objective: (typeof OBJECTIVES)[number];
  optimizer: (typeof OPTIMIZERS)[number];
  lr: number;
  weightDecay: number;
  schedule: (typeof SCHEDULES)[number];
  warmup: number;
  batchSize: number;
  epochs?: number;
  steps?: number;
  seed: number;
  hidden?: number[];
  widths?: number[];
  dropout: number;
  labelSmoothing: number;
  classes?: number;
}

/** How a run is carried out; may change between a run and its resumption. */
export interface RunSettings {
  device: Device;
  threads?: number;
  evalEvery?: number;
  checkpointEvery?: number;
}

export const TRAIN_DEFAULTS: Omit<TrainArgs, 'model'> = {
  objective: 'supervised',
  optimizer: 'adamw',
  lr: 1e-3,
  weightDecay: 0.01,
  schedule: 'cosine',
  warmup: 0,
  batchSize: 128,
  seed: 0,
  dropout: 0,
  labelSmoothing: 0,
};
const DEFAULT_EPOCHS = 5;

export interface ModelCard {
  format: string;
  task: 'image-classification';
  objective: TrainArgs['objective'];
  architecture: ClassifierSpec;
  input: { column: string; type: string; height: number; width: number; channels: number; onnx: string };
  output: { classes: number; classNames: string[] | null; onnx: Record<string, string> };
  training: TrainArgs & { totalSteps: number; stepsTaken: number; examples: number; source: string; device: Device; threads?: number };
  metrics: { train: Record<string, number>; eval: (Record<string, number | string> & { source: string }) | null; seconds: number };
  history: HistoryEntry[];
  versions: Record<string, string>;
}

interface HistoryEntry extends TrainerPosition {
  train_loss: number;
  eval_accuracy?: number;
}

interface CheckpointMeta {
  args: TrainArgs;
  spec: ClassifierSpec;
  classNames: string[] | null;
  history: HistoryEntry[];
  seconds: number;
}

export interface TrainRequest {
  input: ArrowInput;
  evalInput?: ArrowInput;
  dir: string;
  resume: boolean;
  /** Flags as given (undefined where not given). */
  flags: Partial<TrainArgs>;
  run: RunSettings;
  log: (line: string) => void;
  progress: (text: string) => void;
}

export interface TrainOutcome {
  card: ModelCard;
}

export async function train(req: TrainRequest): Promise<TrainOutcome> {
  const { dir } = req;
  let resumed: CheckpointMeta | null = null;
  let initial: Map<string, TensorData> | undefined;
  if (req.resume) {
    const bytes = await readCheckpointBytes(dir);
    if (!bytes) throw new UsageError(`--resume: ${path.join(dir, CHECKPOINT)} not found; start without --resume`);
    const ckpt = decodeCheckpoint<CheckpointMeta>(bytes, path.join(dir, CHECKPOINT));
    resumed = ckpt.meta;
    initial = ckpt.tensors;
  } else if (await holdsModel(dir)) {
    throw new UsageError(`${dir} already holds a model; continue it with --resume, or choose another --output`);
  }
  const args = resumed ? mergeResumed(resumed.args, req.flags) : withDefaults(req.flags);

  const table = await readImageTable(req.input, { requireLabels: true });
  const classes = resumed?.spec.classes ?? args.classes ?? table.classes?.length ?? maxLabel(table) + 1;
  checkLabels(table, classes);
  if (resumed) checkShape(table, resumed.spec.input, dir);
  const evalTable = req.evalInput ? await readImageTable(req.evalInput, { requireLabels: true }) : null;
  if (evalTable) {
    checkShape(evalTable, table.shape, table.source);
    checkLabels(evalTable, classes);
  }
  const spec: ClassifierSpec = resumed?.spec ?? {
    architecture: args.model,
    input: { ...table.shape },
    classes,
    hidden: args.model === 'mlp' ? args.hidden : undefined,
    widths: args.model !== 'mlp' ? args.widths : undefined,
    dropout: args.dropout || undefined,
    ...pixelStats(table.images),
  };
  const classNames = resumed?.classNames ?? table.classes;

  const batchSize = Math.min(args.batchSize, table.rows);
  const perEpoch = stepsPerEpoch(table.rows, batchSize);
  const totalSteps = args.steps ?? (args.epochs ?? DEFAULT_EPOCHS) * perEpoch;
  const optimizer = args.optimizer === 'sgd' ? sgd({ momentum: 0.9, weightDecay: args.weightDecay }) : adamw({ weightDecay: args.weightDecay });
  const lr =
    args.schedule === 'cosine' ? warmupCosine({ base: args.lr, warmupSteps: Math.min(args.warmup, totalSteps), totalSteps }) : () => args.lr;
  const built = buildTrainStep({ build: supervisedLoss(spec, { labelSmoothing: args.labelSmoothing }), optimizer });
  const step = await TrainStep.create(built, { seed: args.seed, device: req.run.device, threads: req.run.threads, initial });
  if (resumed) req.log(`train: resuming ${dir} at step ${step.steps} of ${totalSteps}`);

  const pixels = table.images.length / table.rows;
  const x = new Float32Array(batchSize * pixels);
  const y = new BigInt64Array(batchSize);
  const feeds = { image: new ort.Tensor('float32', x, [batchSize, pixels]), label: new ort.Tensor('int64', y, [batchSize]) };
  const batch = (idx: Int32Array): Record<string, ort.Tensor> => {
    for (let i = 0; i < idx.length; i++) {
      const r = idx[i];
      x.set(table.images.subarray(r * pixels, (r + 1) * pixels), i * pixels);
      y[i] = BigInt(table.labels![r]);
    }
    return feeds;
  };

  const inference = classifierInference(spec);
  const metadata: [string, string][] = [['causal.version', VERSION]];
  const exportModel = (): Uint8Array => exportInference(inference, step.parameters(), { metadata });
  let lastEval: (Record<string, number | string> & { source: string }) | null = null;
  const evaluate = async (): Promise<Record<string, number>> => {
    const session = await createSession(exportModel(), req.run);
    try {
      const r = await classify(session, evalTable!.images, evalTable!.rows);
      const s = summariseClassification(evalTable!.labels!, r.predictions, classes);
      lastEval = { source: evalTable!.source, examples: s.n, accuracy: s.accuracy, predictions_sha256: s.predictionsDigest };
      return { accuracy: s.accuracy };
    } finally {
      await session.release();
    }
  };

  const history = resumed?.history.slice() ?? [];
  const priorSeconds = resumed?.seconds ?? 0;
  let runStart = performance.now();
  let epochLoss = 0;
  let epochSteps = 0;
  const saveCheckpoint = async (state: Map<string, TensorData>): Promise<void> => {
    const meta: CheckpointMeta = { args, spec, classNames, history, seconds: priorSeconds + (performance.now() - runStart) / 1000 };
    await writeCheckpointBytes(dir, encodeCheckpoint(meta, state));
  };
  runStart = performance.now();
  const result = await runTraining(step, {
    examples: table.rows,
    batchSize,
    totalSteps,
    seed: args.seed,
    lr,
    batch,
    evalEvery: req.run.evalEvery ?? perEpoch,
    evaluate: evalTable ? evaluate : undefined,
    checkpointEvery: req.run.checkpointEvery ?? perEpoch,
    saveCheckpoint,
    onProgress: (p) => {
      epochLoss += p.loss;
      epochSteps += 1;
      req.progress(
        `step ${p.step}/${p.totalSteps} epoch ${p.epoch} loss ${p.loss.toFixed(4)} ${Math.round(p.examplesPerSecond)} examples/s ETA ${duration(p.etaSeconds)}`,
      );
      if (p.step % perEpoch === 0 || p.step === totalSteps) {
        const entry: HistoryEntry = { step: p.step, epoch: p.epoch, train_loss: epochLoss / epochSteps };
        if (p.eval) entry.eval_accuracy = p.eval.accuracy;
        history.push(entry);
        req.log(
          `train: epoch ${p.epoch} step ${p.step}/${p.totalSteps} loss ${entry.train_loss.toFixed(4)}` +
            (p.eval ? ` eval accuracy ${p.eval.accuracy.toFixed(4)}` : '') +
            ` ${Math.round(p.examplesPerSecond)} examples/s ETA ${duration(p.etaSeconds)}`,
        );
        epochLoss = 0;
        epochSteps = 0;
      }
    },
  }).finally(() => step.release().catch(() => {}));

  const card: ModelCard = {
    format: MODEL_FORMAT,
    task: 'image-classification',
    objective: args.objective,
    architecture: spec,
    input: { column: 'image', type: 'FixedSizeList<Float32>', ...spec.input, onnx: 'image: float32 [batch, height * width * channels]' },
    output: {
      classes,
      classNames,
      onnx: { logits: 'float32 [batch, classes]', probabilities: 'float32 [batch, classes]', embedding: 'float32 [batch, features]' },
    },
    training: { ...args, totalSteps, stepsTaken: result.steps, examples: table.rows, source: table.source, device: req.run.device, threads: req.run.threads },
    metrics: { train: result.train, eval: lastEval, seconds: priorSeconds + result.seconds },
    history,
    versions: { causal: VERSION, 'onnxruntime-node': ort.env.versions.node ?? 'unknown', node: process.versions.node, opset: '17' },
  };
  await writeModel(dir, exportModel(), card);
  return { card };
}

function withDefaults(flags: Partial<TrainArgs>): TrainArgs {
  if (!flags.model) throw new UsageError('--model is required (mlp, cnn or resnet)');
  if (flags.epochs !== undefined && flags.steps !== undefined) throw new UsageError('give --epochs or --steps, not both');
  const out = { ...TRAIN_DEFAULTS } as TrainArgs;
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  return out;
}

/** On --resume the saved arguments hold; a flag given with a different value is an error, not a silent change. */
function mergeResumed(saved: TrainArgs, flags: Partial<TrainArgs>): TrainArgs {
  for (const [k, v] of Object.entries(flags)) {
    if (v === undefined) continue;
    const s = (saved as unknown as Record<string, unknown>)[k];
    if (JSON.stringify(s) !== JSON.stringify(v)) {
      throw new UsageError(`--resume: --${kebab(k)} ${String(v)} differs from the checkpoint's ${s === undefined ? 'unset' : String(s)}; resume with the same arguments`);
    }
  }
  return saved;
}

const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function maxLabel(t: ImageTable): number {
  return t.labels!.reduce((a, b) => Math.max(a, b), 0);
}

function checkLabels(t: ImageTable, classes: number): void {
  const labels = t.labels!;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < 0 || labels[i] >= classes) throw new DataError(`${t.source}: row ${i}: label ${labels[i]} is out of range [0, ${classes - 1}]`);
  }
  if (classes < 2) throw new DataError(`${t.source}: labels span ${classes} class; a classifier needs at least 2`);
}

function checkShape(t: ImageTable, want: ImageShape, against: string): void {
  const s = t.shape;
  if (s.height !== want.height || s.width !== want.width || s.channels !== want.channels) {
    throw new DataError(`${t.source}: images are ${s.height}x${s.width}x${s.channels} but ${against} has ${want.height}x${want.width}x${want.channels}`);
  }
}

/** Mean and standard deviation over every pixel, for the graph's input standardisation. */
function pixelStats(x: Float32Array): { mean: number; std: number } {
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < x.length; i++) {
    sum += x[i];
    sq += x[i] * x[i];
  }
  const mean = sum / x.length;
  const std = Math.sqrt(Math.max(sq / x.length - mean * mean, 0));
  return { mean: Math.fround(mean), std: Math.fround(std > 1e-6 ? std : 1) };
}

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
