/**
 * `causal train --task vq`: a VQ-VAE image tokenizer (src/vq, docs/vq.md) trained on an image table and written
 * as a model directory: model.onnx (the encoder: image -> tokens and their code vectors), decoder.onnx (tokens ->
 * image), codebook.f32, model.json (task image-tokenizer) and checkpoint/latest.ckpt.
 *
 * The engine's trainer drives the step (seeded shuffled batches, atomic checkpoints, stop on a non-finite loss);
 * each step also gets the rows that dead codes restart at, drawn from rngFor(seed, 'restart <step>'), so a
 * resumed run continues exactly. Reconstruction MSE, codes used and perplexity are measured with the exported
 * graphs on the whole training table at the end and, with an evaluation table, every --eval-every steps.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DataError, UsageError } from '../common/errors.js';
import { rngFor } from '../common/random.js';
import { VERSION } from '../common/version.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { encodeCheckpoint } from '../engine/checkpoint.js';
import { exportInference } from '../engine/export.js';
import type { TensorData } from '../engine/graph.js';
import { adamw, warmupCosine } from '../engine/optim/index.js';
import { ort, type Device, type RuntimeOptions } from '../engine/runtime.js';
import { buildTrainStep, TrainStep } from '../engine/train-step.js';
import { runTraining, stepsPerEpoch, type TrainerPosition } from '../engine/trainer.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { type ImageShape, type ImageTable, readImageTable } from '../io/images.js';
import { MODEL_FORMAT, TASKS, writeCheckpointBytes, writeModel } from '../io/model-dir.js';
import { VQ_DEFAULT_COMMITMENT } from '../vq/loss.js';
import { decoderInference, encoderInference, RESTART_ROWS, restartRows, vqTrainingModel } from '../vq/graphs.js';
import { DOWNSAMPLING, IMAGE, VQ_DEFAULT_CODE_DIM, VQ_DEFAULT_CODEBOOK_SIZE, VQ_DEFAULT_WIDTHS, gridOf, pixelsOf, type Grid, type VqSpec } from '../vq/model.js';
import { CODEBOOK } from '../vq/quantizer.js';
import { countTokens, usageOf, type CodeUsage } from '../vq/usage.js';
import { CODEBOOK_FILE, DECODER_ONNX, encodeCodebook, tokenizerFrom, type Tokenizer } from './tokenizer-session.js';
import { mergeResumed, startRun, trainingMeans } from './start-run.js';
import { duration } from './train.js';

export const VQ_SCHEDULES = ['cosine', 'constant'] as const;

/** The arguments that define a run; saved in the checkpoint and model.json, and fixed on --resume. */
export interface VqTrainArgs {
  widths: [number, number];
  codeDim: number;
  codebookSize: number;
  /** beta of the commitment term. */
  commitment: number;
  /** Decay of the codebook's moving averages. */
  emaDecay: number;
  /** Codes used by fewer vectors per step than this (as a moving average) restart. */
  restartThreshold: number;
  lr: number;
  weightDecay: number;
  schedule: (typeof VQ_SCHEDULES)[number];
  warmup: number;
  batchSize: number;
  epochs?: number;
  steps?: number;
  seed: number;
}

/** Sized for 32x32 scenes on a CPU: about 3000 steps at batch 64 (docs/vq.md has the reasons). */
export const VQ_TRAIN_DEFAULTS: Omit<VqTrainArgs, 'epochs' | 'steps'> = {
  widths: VQ_DEFAULT_WIDTHS,
  codeDim: VQ_DEFAULT_CODE_DIM,
  codebookSize: VQ_DEFAULT_CODEBOOK_SIZE,
  commitment: VQ_DEFAULT_COMMITMENT,
  emaDecay: 0.99,
  restartThreshold: 1,
  lr: 1e-3,
  weightDecay: 0,
  schedule: 'cosine',
  warmup: 0,
  batchSize: 64,
  seed: 0,
};
export const VQ_DEFAULT_STEPS = 3000;

/** Reconstruction quality and codebook use over a whole table, with the exported graphs. */
export interface Reconstruction extends CodeUsage {
  source: string;
  images: number;
  /** Mean squared error per pixel value, pixels in [0, 1]. */
  mse: number;
}

export interface VqModelCard {
  format: string;
  task: typeof TASKS.vq;
  architecture: VqSpec & { grid: Grid; downsampling: number };
  quantizer: { update: 'ema'; decay: number; restartThreshold: number; commitment: number };
  input: { column: string; type: string; height: number; width: number; channels: number; onnx: string };
  output: { onnx: Record<string, string> };
  decoder: { file: string; onnx: { inputs: Record<string, string>; outputs: Record<string, string> } };
  codebook: { file: string; dtype: 'float32'; byteOrder: 'little-endian'; shape: [number, number] };
  training: VqTrainArgs & { totalSteps: number; stepsTaken: number; examples: number; source: string; device: Device; threads?: number };
  /** train: means of the step metrics over the last epoch; train_set / eval: whole tables through the exported graphs. */
  metrics: { train: Record<string, number>; train_set: Reconstruction; eval: Reconstruction | null; seconds: number };
  history: HistoryEntry[];
  versions: Record<string, string>;
}

interface HistoryEntry extends TrainerPosition {
  loss: number;
  reconstruction: number;
  perplexity: number;
  codes_used: number;
  eval_mse?: number;
}

interface CheckpointMeta {
  args: VqTrainArgs;
  spec: VqSpec;
  history: HistoryEntry[];
  seconds: number;
}

export interface VqTrainRequest {
  input: ArrowInput;
  evalInput?: ArrowInput;
  dir: string;
  resume: boolean;
  /** Flags as given (undefined where not given). */
  flags: Partial<VqTrainArgs>;
  run: RuntimeOptions & { device: Device; evalEvery?: number; checkpointEvery?: number };
  log: (line: string) => void;
  progress: (text: string) => void;
}

export async function trainVq(req: VqTrainRequest): Promise<VqModelCard> {
  const { dir } = req;
  const start = await startRun<CheckpointMeta>(dir, req.resume);
  const resumed = start?.meta ?? null;
  if (resumed && !resumed.spec?.codebookSize) throw new DataError(`${dir}: the checkpoint is not a VQ tokenizer's`);
  const args = resumed ? mergeResumed(resumed.args, req.flags, { widths: 'vq-widths' }) : withDefaults(req.flags);
  const table = await readImageTable(req.input, { requireLabels: false });
  const spec: VqSpec = resumed?.spec ?? { input: { ...table.shape }, widths: args.widths, codeDim: args.codeDim, codebookSize: args.codebookSize };
  if (table.shape.height % DOWNSAMPLING || table.shape.width % DOWNSAMPLING) {
    throw new DataError(`${table.source}: images are ${table.shape.height}x${table.shape.width}; the tokenizer needs a height and width divisible by ${DOWNSAMPLING}`);
  }
  if (resumed) checkShape(table, spec.input, dir);
  const grid = gridOf(spec.input);
  const evalTable = req.evalInput ? await readImageTable(req.evalInput, { requireLabels: false }) : null;
  if (evalTable) checkShape(evalTable, spec.input, table.source);

  const batchSize = Math.min(args.batchSize, table.rows);
  const perEpoch = stepsPerEpoch(table.rows, batchSize);
  const totalSteps = args.steps ?? (args.epochs !== undefined ? args.epochs * perEpoch : VQ_DEFAULT_STEPS);
  const lr = args.schedule === 'cosine' ? warmupCosine({ base: args.lr, warmupSteps: Math.min(args.warmup, totalSteps), totalSteps }) : () => args.lr;
  const built = buildTrainStep({
    build: vqTrainingModel(spec, { commitment: args.commitment, decay: args.emaDecay, threshold: args.restartThreshold }),
    optimizer: adamw({ weightDecay: args.weightDecay }),
  });
  const step = await TrainStep.create(built, { seed: args.seed, device: req.run.device, threads: req.run.threads, initial: start?.tensors });
  if (resumed) req.log(`train: resuming ${dir} at step ${step.steps} of ${totalSteps}`);

  const P = pixelsOf(spec.input);
  const vectors = batchSize * grid.height * grid.width;
  const x = new Float32Array(batchSize * P);
  const rows = new BigInt64Array(spec.codebookSize);
  const feeds = { [IMAGE]: new ort.Tensor('float32', x, [batchSize, P]), [RESTART_ROWS]: new ort.Tensor('int64', rows, [spec.codebookSize]) };
  const batch = (idx: Int32Array, t: number): Record<string, ort.Tensor> => {
    for (let i = 0; i < idx.length; i++) x.set(table.images.subarray(idx[i] * P, (idx[i] + 1) * P), i * P);
    restartRows(rngFor(args.seed, `restart ${t}`), vectors, spec.codebookSize, rows);
    return feeds;
  };

  const exported = (): Exported => exportTokenizer(spec, step.parameters());
  let lastEval: Reconstruction | null = null;
  const evaluate = async (): Promise<Record<string, number>> => {
    lastEval = await measure(exported(), evalTable!, req.run);
    return { mse: lastEval.mse, codes_used: lastEval.codes_used, perplexity: lastEval.perplexity };
  };

  const history = resumed?.history.slice() ?? [];
  const priorSeconds = resumed?.seconds ?? 0;
  const runStart = performance.now();
  const saveCheckpoint = async (state: Map<string, TensorData>): Promise<void> => {
    const meta: CheckpointMeta = { args, spec, history, seconds: priorSeconds + (performance.now() - runStart) / 1000 };
    await writeCheckpointBytes(dir, encodeCheckpoint(meta, state));
  };
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
      req.progress(
        `step ${p.step}/${p.totalSteps} epoch ${p.epoch} loss ${p.loss.toFixed(4)} mse ${p.metrics.reconstruction.toFixed(4)} codes ${p.metrics.codes_used} ` +
          `perplexity ${p.metrics.perplexity.toFixed(1)} ${Math.round(p.examplesPerSecond)} images/s ETA ${duration(p.etaSeconds)}`,
      );
      if (p.epochMeans) {
        const { loss, reconstruction, perplexity, codes_used } = p.epochMeans;
        const entry: HistoryEntry = { step: p.step, epoch: p.epoch, loss, reconstruction, perplexity, codes_used };
        if (p.eval) entry.eval_mse = p.eval.mse;
        history.push(entry);
        req.log(
          `train: epoch ${p.epoch} step ${p.step}/${p.totalSteps} loss ${entry.loss.toFixed(4)} mse ${entry.reconstruction.toFixed(4)} codes ${entry.codes_used.toFixed(1)} ` +
            `perplexity ${entry.perplexity.toFixed(1)}${p.eval ? ` eval mse ${p.eval.mse.toFixed(4)}` : ''} ETA ${duration(p.etaSeconds)}`,
        );
      }
    },
  }).finally(() => step.release().catch(() => {}));

  const model = exported();
  const trainSet = await measure(model, table, req.run);
  const card: VqModelCard = {
    format: MODEL_FORMAT,
    task: TASKS.vq,
    architecture: { ...spec, grid, downsampling: DOWNSAMPLING },
    quantizer: { update: 'ema', decay: args.emaDecay, restartThreshold: args.restartThreshold, commitment: args.commitment },
    input: { column: IMAGE, type: 'FixedSizeList<Float32>', ...spec.input, onnx: `image: float32 [batch, ${P}]` },
    output: { onnx: { tokens: `int64 [batch, ${grid.height * grid.width}]`, embedding: `float32 [batch, ${grid.height * grid.width * spec.codeDim}]` } },
    decoder: { file: DECODER_ONNX, onnx: { inputs: { tokens: `int64 [batch, ${grid.height * grid.width}]` }, outputs: { image: `float32 [batch, ${P}]` } } },
    codebook: { file: CODEBOOK_FILE, dtype: 'float32', byteOrder: 'little-endian', shape: [spec.codebookSize, spec.codeDim] },
    training: { ...args, totalSteps, stepsTaken: result.steps, examples: table.rows, source: table.source, device: req.run.device, threads: req.run.threads },
    metrics: { train: trainingMeans(result.train, history, ['loss', 'reconstruction', 'perplexity', 'codes_used']), train_set: trainSet, eval: lastEval ?? (evalTable ? await measure(model, evalTable, req.run) : null), seconds: priorSeconds + result.seconds },
    history,
    versions: { causal: VERSION, 'onnxruntime-node': ort.env.versions.node ?? 'unknown', node: process.versions.node, opset: '17' },
  };
  // model.json goes last (writeModel): a directory holding one has every other file already.
  await fs.mkdir(dir, { recursive: true });
  await writeFileAtomic(path.join(dir, DECODER_ONNX), model.decoder);
  await writeFileAtomic(path.join(dir, CODEBOOK_FILE), encodeCodebook(model.codebook));
  await writeModel(dir, model.encoder, card);
  return card;
}

interface Exported {
  spec: VqSpec;
  encoder: Uint8Array;
  decoder: Uint8Array;
  codebook: Float32Array;
}

function exportTokenizer(spec: VqSpec, values: Map<string, TensorData>): Exported {
  const metadata: [string, string][] = [['causal.version', VERSION]];
  return {
    spec,
    encoder: exportInference(encoderInference(spec), values, { metadata }),
    decoder: exportInference(decoderInference(spec), values, { metadata }),
    codebook: values.get(CODEBOOK)!.data as Float32Array,
  };
}

/** Images per encode-decode round when measuring, so that reconstructions of a large table never sit in memory whole. */
const MEASURE_ROWS = 1024;

async function measure(model: Exported, table: ImageTable, runtime: RuntimeOptions): Promise<Reconstruction> {
  const tok: Tokenizer = await tokenizerFrom({ ...model, source: 'training' }, runtime);
  try {
    const P = pixelsOf(model.spec.input);
    const counts = new Float64Array(model.spec.codebookSize);
    let squared = 0;
    for (let start = 0; start < table.rows; start += MEASURE_ROWS) {
      const n = Math.min(MEASURE_ROWS, table.rows - start);
      const images = table.images.subarray(start * P, (start + n) * P);
      const enc = await tok.encode(images, n);
      const rec = await tok.decode(enc.tokens, n);
      for (let i = 0; i < rec.length; i++) squared += (rec[i] - images[i]) ** 2;
      countTokens(enc.tokens, counts);
    }
    return { source: table.source, images: table.rows, mse: squared / table.images.length, ...usageOf(counts) };
  } finally {
    await tok.release();
  }
}

function withDefaults(flags: Partial<VqTrainArgs>): VqTrainArgs {
  if (flags.epochs !== undefined && flags.steps !== undefined) throw new UsageError('give --epochs or --steps, not both');
  if (flags.widths && flags.widths.length !== 2) throw new UsageError(`--vq-widths takes two channel counts (e.g. 32,64), got ${flags.widths.length}`);
  const out = { ...VQ_TRAIN_DEFAULTS } as VqTrainArgs;
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  return out;
}

function checkShape(t: ImageTable, want: ImageShape, against: string): void {
  const s = t.shape;
  if (s.height !== want.height || s.width !== want.width || s.channels !== want.channels) {
    throw new DataError(`${t.source}: images are ${s.height}x${s.width}x${s.channels} but ${against} has ${want.height}x${want.width}x${want.channels}`);
  }
}
