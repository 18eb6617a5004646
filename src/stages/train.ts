/**
 * `causal train`: a model on an image table, written as a model directory. Reads the whole table into memory,
 * builds the step graph for the architecture and objective, runs the engine's trainer with periodic evaluation and
 * atomic checkpoints, and exports model.onnx and model.json at the end. `resume` continues from the directory's
 * checkpoint with the arguments saved in it.
 *
 * The supervised objective trains a classifier (task image-classification); the self-supervised ones (src/ssl)
 * train an encoder and projection head on augmented views (task image-embedding), for `causal embed` and the
 * probes of `causal eval`.
 */
import { DataError, UsageError } from '../common/errors.js';
import { VERSION } from '../common/version.js';
import { encodeCheckpoint } from '../engine/checkpoint.js';
import { exportInference } from '../engine/export.js';
import type { Graph, TensorData, Value } from '../engine/graph.js';
import { adamw, sgd, warmupCosine } from '../engine/optim/index.js';
import type { Optimizer } from '../engine/optim/optimizer.js';
import { createSession, ort, type Device } from '../engine/runtime.js';
import { buildTrainStep, TrainStep } from '../engine/train-step.js';
import { runTraining, stepsPerEpoch, type TrainerPosition } from '../engine/trainer.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { type ImageShape, type ImageTable, readImageTable } from '../io/images.js';
import { MODEL_FORMAT, TASKS, writeCheckpointBytes, writeModel } from '../io/model-dir.js';
import { summariseClassification } from '../metrics/classification.js';
import { labelledSubset } from '../probes/labelled-subset.js';
import { defaultPolicy } from '../augment/index.js';
import { checkViews, SSL_OBJECTIVES, sslInference, type SslObjective, type SslSpec } from '../ssl/objective.js';
import { sslTraining, type SslTraining } from '../ssl/training.js';
import type { Architecture, ClassifierSpec, EncoderSpec } from '../vision/architectures.js';
import { classifierInference, supervisedLoss } from '../vision/supervised.js';
import { classify } from './classify.js';
import { initialFrom, readPretrained } from './pretrained.js';
import { mergeResumed, startRun, trainingMeans } from './start-run.js';

export const OBJECTIVES = ['supervised', ...SSL_OBJECTIVES] as const;
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
  /** A trained image model directory whose weights start the run (fine-tuning); see stages/pretrained.ts. */
  init?: string;
  /** Train on (supervised) or reveal (semppl) the labels of a class-stratified subset only (labelledSubset). */
  labelsFraction?: number;
  labelsSeed: number;
  /** Self-supervised objectives (src/ssl/objective.ts): loss weights and temperature. */
  temperature: number;
  likelihoodWeight: number;
  invarianceWeight: number;
  semanticWeight: number;
  /** Target network EMA decay at the first step; rises to 1 on a cosine. */
  emaDecay: number;
  projection: number;
  projectorHidden: number;
  /** SemPPL's queue of labelled embeddings: at most this many, or every labelled image if fewer. */
  queueSize: number;
  /** SemPPL: the share of every batch drawn from the labelled rows (ssl/training.ts `withLabelled`). */
  labelledShare: number;
  /** Views: large and small crops (small ones default to 2 for relicv2 and semppl, 0 otherwise). */
  largeViews: number;
  smallViews?: number;
  maskProb: number;
  flip: boolean;
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
  labelsSeed: 0,
  temperature: 0.2,
  likelihoodWeight: 1,
  invarianceWeight: 1,
  semanticWeight: 1,
  emaDecay: 0.99,
  projection: 64,
  projectorHidden: 256,
  queueSize: 2560,
  labelledShare: 0.25,
  largeViews: 2,
  maskProb: 0.1,
  flip: true,
};
const DEFAULT_EPOCHS = 5;

export interface ModelCard {
  format: string;
  task: (typeof TASKS)[keyof typeof TASKS];
  objective: TrainArgs['objective'];
  /** A classifier's spec, or for self-supervised models the encoder's (with the projection head's sizes). */
  architecture: ClassifierSpec | (EncoderSpec & { projection: number; projectorHidden: number });
  input: { column: string; type: string; height: number; width: number; channels: number; onnx: string };
  output: { classes: number | null; classNames: string[] | null; onnx: Record<string, string> };
  training: TrainArgs & { totalSteps: number; stepsTaken: number; examples: number; labelledExamples: number; source: string; device: Device; threads?: number };
  metrics: { train: Record<string, number>; eval: (Record<string, number | string> & { source: string }) | null; seconds: number };
  history: HistoryEntry[];
  versions: Record<string, string>;
}

/** An epoch's means of the training loss and of the objective's step metrics (accuracy, or the SSL terms). */
type HistoryEntry = TrainerPosition & { loss: number; eval_accuracy?: number } & Record<string, number>;

interface CheckpointMeta {
  args: TrainArgs;
  spec: ModelCard['architecture'];
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
  const start = await startRun<CheckpointMeta>(dir, req.resume);
  const resumed: CheckpointMeta | null = start?.meta ?? null;
  const saved: Map<string, TensorData> | undefined = start?.tensors;
  const args = resumed ? mergeResumed(resumed.args, req.flags) : withDefaults(req.flags);
  const supervised = args.objective === 'supervised';
  if (!supervised && req.evalInput) {
    throw new UsageError(`--eval applies to supervised training; probe a ${args.objective} model with \`causal embed\` and \`causal eval --probe\``);
  }

  const full = await readImageTable(req.input, { requireLabels: supervised || args.objective === 'semppl' ? undefined : false });
  if ((supervised || args.objective === 'semppl') && !full.labels) {
    throw new DataError(`${full.source}: no 'label' column; ${args.objective} needs labels (null for unlabelled rows)`);
  }
  const labels = full.labels && args.labelsFraction !== undefined ? revealSubset(full.labels, args.labelsFraction, args.labelsSeed, full.source) : full.labels;
  const labelledRowCount = labels ? labels.reduce((n, y) => n + (y >= 0 ? 1 : 0), 0) : 0;
  // Supervised training uses the labelled rows only: with --labels-fraction, the subset; otherwise every row must have one.
  const table = supervised ? labelledRows(full, labels!, args.labelsFraction !== undefined) : full;
  const classes = resumed?.spec && 'classes' in resumed.spec ? resumed.spec.classes : args.classes ?? table.classes?.length ?? (labels ? maxLabel(labels) + 1 : 0);
  if (labels) checkLabels(table.source, supervised ? table.labels! : labels, classes);
  if (resumed) checkShape(table, resumed.spec.input, dir);
  const evalTable = req.evalInput ? await readImageTable(req.evalInput, { requireLabels: true }) : null;
  if (evalTable) {
    checkShape(evalTable, table.shape, table.source);
    checkLabels(evalTable.source, evalTable.labels!, classes);
  }
  const sizes = { architecture: args.model, input: { ...table.shape }, hidden: args.model === 'mlp' ? args.hidden : undefined, widths: args.model !== 'mlp' ? args.widths : undefined };
  const pretrained = args.init && !resumed ? await readPretrained(args.init, sizes) : null;
  const encoder: EncoderSpec = { ...sizes, ...(pretrained ? { mean: pretrained.mean, std: pretrained.std } : pixelStats(table.images)) };
  const spec: ModelCard['architecture'] =
    resumed?.spec ??
    (supervised
      ? { ...encoder, classes, dropout: args.dropout || undefined }
      : { ...encoder, projection: args.projection, projectorHidden: args.projectorHidden });
  const classNames = resumed?.classNames ?? table.classes;

  const batchSize = Math.min(args.batchSize, table.rows);
  const perEpoch = stepsPerEpoch(table.rows, batchSize);
  const totalSteps = args.steps ?? (args.epochs ?? DEFAULT_EPOCHS) * perEpoch;
  const optimizer = args.optimizer === 'sgd' ? sgd({ momentum: 0.9, weightDecay: args.weightDecay }) : adamw({ weightDecay: args.weightDecay });
  const lr =
    args.schedule === 'cosine' ? warmupCosine({ base: args.lr, warmupSteps: Math.min(args.warmup, totalSteps), totalSteps }) : () => args.lr;
  const runner = supervised
    ? supervisedRunner(table, spec as ClassifierSpec, args, optimizer, batchSize)
    : sslRunner(table, labels, spec as EncoderSpec, args, { optimizer, batchSize, classes, totalSteps, labelled: labelledRowCount });
  let initial = saved;
  if (pretrained) {
    const from = initialFrom(pretrained, runner.built.graph);
    initial = from.initial;
    req.log(`train: ${from.initial.size} weights from ${pretrained.dir}${from.fresh.length ? `; initialised afresh: ${from.fresh.join(', ')}` : ''}`);
  }
  const step = await TrainStep.create(runner.built, { seed: args.seed, device: req.run.device, threads: req.run.threads, initial });
  if (saved) runner.restore(saved);
  if (resumed) req.log(`train: resuming ${dir} at step ${step.steps} of ${totalSteps}`);

  const metadata: [string, string][] = [['causal.version', VERSION]];
  const exportModel = (): Uint8Array => exportInference(runner.inference, step.parameters(), { metadata });
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
  const saveCheckpoint = async (state: Map<string, TensorData>): Promise<void> => {
    const meta: CheckpointMeta = { args, spec, classNames, history, seconds: priorSeconds + (performance.now() - runStart) / 1000 };
    for (const [k, v] of runner.state()) state.set(k, v);
    await writeCheckpointBytes(dir, encodeCheckpoint(meta, state));
  };
  runStart = performance.now();
  const result = await runTraining(step, {
    examples: table.rows,
    batchSize,
    totalSteps,
    seed: args.seed,
    lr,
    batch: runner.batch,
    emaDecay: runner.emaDecay,
    afterStep: runner.afterStep,
    evalEvery: req.run.evalEvery ?? perEpoch,
    evaluate: evalTable ? evaluate : undefined,
    checkpointEvery: req.run.checkpointEvery ?? perEpoch,
    saveCheckpoint,
    onProgress: (p) => {
      req.progress(
        `step ${p.step}/${p.totalSteps} epoch ${p.epoch} loss ${p.loss.toFixed(4)} ${Math.round(p.examplesPerSecond)} examples/s ETA ${duration(p.etaSeconds)}`,
      );
      if (p.epochMeans) {
        const entry = { step: p.step, epoch: p.epoch, ...p.epochMeans } as HistoryEntry;
        if (p.eval) entry.eval_accuracy = p.eval.accuracy;
        history.push(entry);
        req.log(
          `train: epoch ${p.epoch} step ${p.step}/${p.totalSteps} loss ${entry.loss.toFixed(4)}` +
            (p.eval ? ` eval accuracy ${p.eval.accuracy.toFixed(4)}` : '') +
            ` ${Math.round(p.examplesPerSecond)} examples/s ETA ${duration(p.etaSeconds)}`,
        );
      }
    },
  }).finally(() => step.release().catch(() => {}));

  const card: ModelCard = {
    format: MODEL_FORMAT,
    task: supervised ? TASKS.supervised : TASKS.ssl,
    objective: args.objective,
    architecture: spec,
    input: { column: 'image', type: 'FixedSizeList<Float32>', ...spec.input, onnx: 'image: float32 [batch, height * width * channels]' },
    output: {
      classes: supervised ? classes : null,
      classNames: supervised ? classNames : null,
      onnx: supervised
        ? { logits: 'float32 [batch, classes]', probabilities: 'float32 [batch, classes]', embedding: 'float32 [batch, features]' }
        : { embedding: 'float32 [batch, features]', projection: `float32 [batch, ${args.projection}]` },
    },
    training: {
      ...args,
      totalSteps,
      stepsTaken: result.steps,
      examples: table.rows,
      labelledExamples: labelledRowCount,
      source: table.source,
      device: req.run.device,
      threads: req.run.threads,
    },
    metrics: { train: trainingMeans(result.train, history, trainMetricKeys(history)), eval: lastEval, seconds: priorSeconds + result.seconds },
    history,
    versions: { causal: VERSION, 'onnxruntime-node': ort.env.versions.node ?? 'unknown', node: process.versions.node, opset: '17' },
  };
  await writeModel(dir, exportModel(), card);
  return { card };
}

/** The training means an epoch's history entry holds: every key but its position and evaluation. */
function trainMetricKeys(history: readonly HistoryEntry[]): string[] {
  return Object.keys(history.at(-1) ?? {}).filter((k) => k !== 'step' && k !== 'epoch' && !k.startsWith('eval_'));
}

/** How one family of objectives trains (the supervised runner fills the same shape as the SSL one) and exports. */
type Runner = SslTraining & { inference: (g: Graph) => Record<string, Value> };

function supervisedRunner(table: ImageTable, spec: ClassifierSpec, args: TrainArgs, optimizer: Optimizer, batchSize: number): Runner {
  const pixels = table.images.length / table.rows;
  const x = new Float32Array(batchSize * pixels);
  const y = new BigInt64Array(batchSize);
  const feeds = { image: new ort.Tensor('float32', x, [batchSize, pixels]), label: new ort.Tensor('int64', y, [batchSize]) };
  return {
    built: buildTrainStep({ build: supervisedLoss(spec, { labelSmoothing: args.labelSmoothing }), optimizer }),
    batch: (idx) => {
      for (let i = 0; i < idx.length; i++) {
        const r = idx[i];
        x.set(table.images.subarray(r * pixels, (r + 1) * pixels), i * pixels);
        y[i] = BigInt(table.labels![r]);
      }
      return feeds;
    },
    state: () => new Map(),
    restore: () => {},
    inference: classifierInference(spec),
  };
}

function sslRunner(
  table: ImageTable,
  labels: Int32Array | null,
  encoder: EncoderSpec,
  args: TrainArgs,
  o: { optimizer: Optimizer; batchSize: number; classes: number; totalSteps: number; labelled: number },
): Runner {
  const objective = args.objective as SslObjective;
  const smallViews = args.smallViews ?? defaultSmallViews(objective);
  if (objective === 'semppl' && o.labelled === 0) throw new DataError(`${table.source}: semppl needs some labelled rows; every label is null`);
  const heads = { hidden: args.projectorHidden, projection: args.projection };
  const spec: SslSpec = {
    objective,
    encoder,
    heads,
    batchSize: o.batchSize,
    largeViews: args.largeViews,
    smallViews,
    temperature: args.temperature,
    likelihoodWeight: args.likelihoodWeight,
    invarianceWeight: args.invarianceWeight,
    semanticWeight: args.semanticWeight,
    queueSize: objective === 'semppl' ? Math.min(args.queueSize, o.labelled) : undefined,
    classes: objective === 'semppl' ? o.classes : undefined,
  };
  const policy = defaultPolicy({ largeViews: args.largeViews, smallViews, maskProb: objective === 'relicv2' || objective === 'semppl' ? args.maskProb : 0, flip: args.flip });
  const run = sslTraining(table, spec, { optimizer: o.optimizer, policy, seed: args.seed, totalSteps: o.totalSteps, emaDecay: args.emaDecay, labels, labelledPerBatch: Math.round(args.labelledShare * o.batchSize) });
  return { ...run, inference: sslInference(spec) };
}

/** Multi-crop (ReLICv2's small views) is part of relicv2 and semppl; SimCLR and ReLIC compare two large views. */
function defaultSmallViews(objective: SslObjective): number {
  return objective === 'relicv2' || objective === 'semppl' ? 2 : 0;
}

/** Labels with every row outside the stratified subset hidden (-1). */
function revealSubset(labels: Int32Array, fraction: number, seed: number, source: string): Int32Array {
  const out = new Int32Array(labels.length).fill(-1);
  for (const r of labelledSubset(labels, fraction, seed, source)) out[r] = labels[r];
  return out;
}

function labelledRows(t: ImageTable, labels: Int32Array, subset: boolean): ImageTable {
  if (!subset) {
    const missing = labels.indexOf(-1);
    if (missing >= 0) throw new DataError(`${t.source}: row ${missing} has no 'label' (null); supervised training needs labelled rows (or --labels-fraction)`);
    return t;
  }
  const rows = labels.reduce<number[]>((acc, y, i) => (y >= 0 ? (acc.push(i), acc) : acc), []);
  const size = t.images.length / t.rows;
  const images = new Float32Array(rows.length * size);
  rows.forEach((r, i) => images.set(t.images.subarray(r * size, (r + 1) * size), i * size));
  return { ...t, rows: rows.length, images, labels: Int32Array.from(rows, (r) => labels[r]), ids: t.ids ? rows.map((r) => t.ids![r]) : null };
}

function withDefaults(flags: Partial<TrainArgs>): TrainArgs {
  if (!flags.model) throw new UsageError('--model is required (mlp, cnn or resnet)');
  if (flags.epochs !== undefined && flags.steps !== undefined) throw new UsageError('give --epochs or --steps, not both');
  const out = { ...TRAIN_DEFAULTS } as TrainArgs;
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  if (out.objective !== 'supervised') checkViews(out.objective, out.largeViews, out.smallViews ?? defaultSmallViews(out.objective));
  return out;
}

function maxLabel(labels: Int32Array): number {
  return labels.reduce((a, b) => Math.max(a, b), 0);
}

/** Labels lie in [0, classes), -1 (unlabelled) aside. */
function checkLabels(source: string, labels: Int32Array, classes: number): void {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < -1 || labels[i] >= classes) throw new DataError(`${source}: row ${i}: label ${labels[i]} is out of range [0, ${classes - 1}]`);
  }
  if (classes < 2) throw new DataError(`${source}: labels span ${classes} class; a classifier needs at least 2`);
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
