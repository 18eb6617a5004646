/**
 * `causal train --task t2i`: the text-to-image-token generator (src/t2i, docs/t2i.md) trained on an image-token
 * table's real (caption, tokens) pairs and written as a model directory (task text-to-image-tokens): model.onnx
 * (tokens with [MASK]s and caption word ids -> logits over the codes), model.json (vocabulary, grid, codebook size,
 * architecture, training arguments, metrics) and checkpoint/latest.ckpt.
 *
 * The engine's trainer drives the steps (seeded shuffled batches, atomic checkpoints, stop on a non-finite loss).
 * What each row of step t sees (its reference caption, whether the caption is dropped, its mask) is drawn from
 * rngFor(seed, 'batch t'), so a resumed run takes exactly the batches of an uninterrupted one.
 */
import path from 'node:path';
import { DataError, UsageError } from '../common/errors.js';
import { rngFor } from '../common/random.js';
import { VERSION } from '../common/version.js';
import { encodeCheckpoint } from '../engine/checkpoint.js';
import { exportInference } from '../engine/export.js';
import type { TensorData } from '../engine/graph.js';
import { adamw, warmupCosine } from '../engine/optim/index.js';
import { createSession, ort, type Device, type RuntimeOptions } from '../engine/runtime.js';
import { buildTrainStep, TrainStep } from '../engine/train-step.js';
import { runTraining, stepsPerEpoch, type TrainerPosition } from '../engine/trainer.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { CHECKPOINT, MODEL_FORMAT, TASKS, writeCheckpointBytes, writeModel } from '../io/model-dir.js';
import { TOKENS_COLUMN } from '../io/token-table.js';
import { writeCaption } from '../t2i/captions.js';
import { addMaskedScores, heldOutSet, type HeldOutSet, type MaskedSums } from '../t2i/held-out.js';
import { drawMask } from '../t2i/masking.js';
import { captionLengthOf, maskIdOf, NAMES, positionsOf, t2iInference, t2iTraining, type T2iSpec } from '../t2i/model.js';
import { readTokenTable, type TokenTable } from '../t2i/table.js';
import { SPECIALS, Vocabulary } from '../vlm/vocabulary.js';
import { mergeResumed, startRun, trainingMeans } from './start-run.js';
import { duration } from './train.js';

export const T2I_SCHEDULES = ['cosine', 'constant'] as const;

/** The arguments that define a run; saved in the checkpoint and model.json, and fixed on --resume. */
export interface T2iTrainArgs {
  dModel: number;
  heads: number;
  layers: number;
  captionLayers: number;
  dropout: number;
  /** Caption words read at most; longer references are cut. */
  maxLength: number;
  /** Probability of training a row on the dropped caption (<bos> alone), for classifier-free guidance. */
  condDrop: number;
  lr: number;
  weightDecay: number;
  schedule: (typeof T2I_SCHEDULES)[number];
  warmup: number;
  batchSize: number;
  epochs?: number;
  steps?: number;
  seed: number;
}

/** docs/t2i.md gives the reasons (method note §6.2 and measured step times). */
export const T2I_TRAIN_DEFAULTS: Omit<T2iTrainArgs, 'epochs' | 'steps'> = {
  dModel: 64,
  heads: 4,
  layers: 4,
  captionLayers: 1,
  dropout: 0.1,
  maxLength: 16,
  condDrop: 0.1,
  lr: 1e-3,
  weightDecay: 0.01,
  schedule: 'cosine',
  warmup: 100,
  batchSize: 64,
  seed: 0,
};
export const T2I_DEFAULT_STEPS = 3000;
const CLIP_NORM = 1;

export interface T2iModelCard {
  format: string;
  task: typeof TASKS.t2i;
  architecture: T2iSpec & { maskId: number; parameters: number };
  vocabulary: string[];
  input: { column: string; grid: { height: number; width: number }; codebookSize: number; onnx: Record<string, string> };
  output: { onnx: Record<string, string> };
  training: T2iTrainArgs & {
    totalSteps: number;
    stepsTaken: number;
    clipNorm: number;
    source: string;
    rows: number;
    references: number;
    /** References longer than --max-length words, trained on their first maxLength words. */
    truncatedReferences: number;
    device: Device;
    threads?: number;
  };
  /**
   * train: loss and accuracy on the masked positions, means over the last epoch's steps; eval: the same on the --eval
   * table's fixed masks (src/t2i/held-out.ts) with the final weights, null without --eval.
   */
  metrics: { train: Record<string, number>; eval: HeldOutScores | null; seconds: number };
  history: HistoryEntry[];
  versions: Record<string, string>;
}

interface HistoryEntry extends TrainerPosition {
  loss: number;
  accuracy: number;
  eval_loss?: number;
  eval_accuracy?: number;
}

export interface HeldOutScores {
  loss: number;
  accuracy: number;
  /** Masked positions scored. */
  positions: number;
  rows: number;
}

/** Held-out masks and captions are drawn with this seed whatever the run's, so runs score the same positions. */
const EVAL_SEED = 0;
/** Rows per model run when scoring the held-out table. */
const EVAL_BATCH = 64;

interface CheckpointMeta {
  args: T2iTrainArgs;
  spec: T2iSpec;
  vocabulary: string[];
  rows: number;
  references: number;
  history: HistoryEntry[];
  seconds: number;
}

export interface T2iTrainRequest {
  input: ArrowInput;
  /** A held-out image-token table with captions (--eval), scored every run.evalEvery steps and at the end. */
  evalInput?: ArrowInput;
  dir: string;
  resume: boolean;
  /** Flags as given (undefined where not given). */
  flags: Partial<T2iTrainArgs>;
  run: RuntimeOptions & { device: Device; checkpointEvery?: number; evalEvery?: number };
  log: (line: string) => void;
  progress: (text: string) => void;
}

export async function trainT2i(req: T2iTrainRequest): Promise<T2iModelCard> {
  const { dir } = req;
  const start = await startRun<CheckpointMeta>(dir, req.resume);
  const resumed = start?.meta ?? null;
  if (resumed && !resumed.spec?.codebookSize) throw new DataError(`${path.join(dir, CHECKPOINT)}: not a text-to-image-token generator's checkpoint`);
  const args = resumed ? mergeResumed(resumed.args, req.flags) : withDefaults(req.flags);
  const table = await readTokenTable(req.input);
  const references = table.references.reduce((n, r) => n + r.length, 0);
  if (resumed) checkResumed(table, references, resumed, dir);
  const vocabulary = resumed ? new Vocabulary(resumed.vocabulary) : Vocabulary.build(table.references.flat());
  if (vocabulary.size === SPECIALS.length) throw new DataError(`${table.source}: the captions hold no words`);
  const spec: T2iSpec = resumed?.spec ?? {
    grid: table.grid,
    codebookSize: table.codebookSize,
    vocabulary: vocabulary.size,
    maxLength: args.maxLength,
    dModel: args.dModel,
    heads: args.heads,
    layers: args.layers,
    captionLayers: args.captionLayers,
    dropout: args.dropout,
  };
  let truncatedReferences = 0;
  const encoded = table.references.map((refs) =>
    refs.map((r) => {
      const ids = vocabulary.encode(r);
      if (ids.length > spec.maxLength) truncatedReferences++;
      return ids;
    }),
  );
  const held = req.evalInput ? await readHeldOut(req.evalInput, table, vocabulary, spec) : null;

  const batchSize = Math.min(args.batchSize, table.rows);
  const perEpoch = stepsPerEpoch(table.rows, batchSize);
  const totalSteps = args.steps ?? (args.epochs !== undefined ? args.epochs * perEpoch : T2I_DEFAULT_STEPS);
  const lr = args.schedule === 'cosine' ? warmupCosine({ base: args.lr, warmupSteps: Math.min(args.warmup, totalSteps), totalSteps }) : () => args.lr;
  const built = buildTrainStep({ build: t2iTraining(spec), optimizer: adamw({ weightDecay: args.weightDecay }), clipNorm: CLIP_NORM });
  const step = await TrainStep.create(built, { seed: args.seed, device: req.run.device, threads: req.run.threads, initial: start?.tensors });
  if (resumed) req.log(`train: resuming ${dir} at step ${step.steps} of ${totalSteps}`);

  const n = positionsOf(spec);
  const L = captionLengthOf(spec);
  const MASK = BigInt(maskIdOf(spec));
  const tokens = new BigInt64Array(batchSize * n);
  const targets = new BigInt64Array(batchSize * n);
  const mask = new Float32Array(batchSize * n);
  const caption = new BigInt64Array(batchSize * L);
  const feeds = {
    [NAMES.tokens]: new ort.Tensor('int64', tokens, [batchSize, n]),
    [NAMES.caption]: new ort.Tensor('int64', caption, [batchSize, L]),
    [NAMES.targets]: new ort.Tensor('int64', targets, [batchSize, n]),
    [NAMES.mask]: new ort.Tensor('float32', mask, [batchSize, n]),
  };
  const batch = (rows: Int32Array, t: number): Record<string, ort.Tensor> => {
    const rng = rngFor(args.seed, `batch ${t}`);
    mask.fill(0);
    rows.forEach((row, i) => {
      const refs = encoded[row];
      const words = refs[rng.int(refs.length)];
      writeCaption(caption, i, rng.uniform() < args.condDrop ? null : words, spec.maxLength);
      for (let p = 0; p < n; p++) tokens[i * n + p] = targets[i * n + p] = BigInt(table.tokens[row * n + p]);
      for (const p of drawMask(rng, n)) {
        tokens[i * n + p] = MASK;
        mask[i * n + p] = 1;
      }
    });
    return feeds;
  };

  let lastEval: HeldOutScores | null = null;
  const evaluate = async (): Promise<Record<string, number>> => {
    lastEval = await scoreHeldOut(exportInference(t2iInference(spec), step.parameters()), held!, spec, req.run);
    return { loss: lastEval.loss, accuracy: lastEval.accuracy };
  };

  const history = resumed?.history.slice() ?? [];
  const priorSeconds = resumed?.seconds ?? 0;
  const runStart = performance.now();
  const saveCheckpoint = async (state: Map<string, TensorData>): Promise<void> => {
    const meta: CheckpointMeta = { args, spec, vocabulary: [...vocabulary.tokens], rows: table.rows, references, history, seconds: priorSeconds + (performance.now() - runStart) / 1000 };
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
    evaluate: held ? evaluate : undefined,
    checkpointEvery: req.run.checkpointEvery ?? perEpoch,
    saveCheckpoint,
    onProgress: (p) => {
      req.progress(
        `step ${p.step}/${p.totalSteps} epoch ${p.epoch} loss ${p.loss.toFixed(4)} masked accuracy ${p.metrics.accuracy.toFixed(3)} ` +
          `${Math.round(p.examplesPerSecond)} pairs/s ETA ${duration(p.etaSeconds)}`,
      );
      if (p.epochMeans) {
        const entry: HistoryEntry = { step: p.step, epoch: p.epoch, loss: p.epochMeans.loss, accuracy: p.epochMeans.accuracy };
        if (p.eval) Object.assign(entry, { eval_loss: p.eval.loss, eval_accuracy: p.eval.accuracy });
        history.push(entry);
        const heldOut = p.eval ? ` eval loss ${p.eval.loss.toFixed(4)} accuracy ${p.eval.accuracy.toFixed(3)}` : '';
        req.log(`train: epoch ${p.epoch} step ${p.step}/${p.totalSteps} loss ${entry.loss.toFixed(4)} masked accuracy ${entry.accuracy.toFixed(3)}${heldOut} ETA ${duration(p.etaSeconds)}`);
      }
    },
  }).finally(() => step.release().catch(() => {}));

  const values = step.parameters();
  const K = spec.codebookSize;
  const card: T2iModelCard = {
    format: MODEL_FORMAT,
    task: TASKS.t2i,
    architecture: { ...spec, maskId: maskIdOf(spec), parameters: [...values.values()].reduce((a, t) => a + t.data.length, 0) },
    vocabulary: [...vocabulary.tokens],
    input: {
      column: TOKENS_COLUMN,
      grid: spec.grid,
      codebookSize: K,
      onnx: {
        [NAMES.tokens]: `int64 [batch, ${n}] (codes in [0, ${K - 1}], ${K} = masked)`,
        [NAMES.caption]: `int64 [batch, length] (<bos>, word ids, <pad>; length <= ${L})`,
      },
    },
    output: { onnx: { [NAMES.logits]: `float32 [batch, ${n}, ${K}] (logits over the codes at every position)` } },
    training: {
      ...args,
      totalSteps,
      stepsTaken: result.steps,
      clipNorm: CLIP_NORM,
      source: table.source,
      rows: table.rows,
      references,
      truncatedReferences,
      device: req.run.device,
      threads: req.run.threads,
    },
    // the trainer scores the held-out set at the last step (or once, on a resume at the end), so lastEval is final
    metrics: { train: trainingMeans(result.train, history, ['loss', 'accuracy']), eval: lastEval, seconds: priorSeconds + result.seconds },
    history,
    versions: { causal: VERSION, 'onnxruntime-node': ort.env.versions.node ?? 'unknown', node: process.versions.node, opset: '17' },
  };
  const onnx = exportInference(t2iInference(spec), values, { metadata: [['causal.version', VERSION]] });
  await writeModel(dir, onnx, card);
  return card;
}

/** The --eval table as fixed masks and captions: the training table's grid and codebook, its vocabulary. */
async function readHeldOut(input: ArrowInput, train: TokenTable, vocabulary: Vocabulary, spec: T2iSpec): Promise<HeldOutSet> {
  const t = await readTokenTable(input);
  if (t.grid.height !== train.grid.height || t.grid.width !== train.grid.width || t.codebookSize !== train.codebookSize) {
    throw new DataError(`--eval ${t.source}: tokens are ${t.grid.height}x${t.grid.width} of ${t.codebookSize} codes but the training table's are ${train.grid.height}x${train.grid.width} of ${train.codebookSize}`);
  }
  return heldOutSet(t.tokens, t.references.map((refs) => refs.map((r) => vocabulary.encode(r))), spec, EVAL_SEED);
}

/** The masked-token loss and accuracy of an exported generator on the held-out set, in batches of EVAL_BATCH rows. */
async function scoreHeldOut(onnx: Uint8Array, set: HeldOutSet, spec: T2iSpec, runtime: RuntimeOptions): Promise<HeldOutScores> {
  const session = await createSession(onnx, runtime);
  const n = positionsOf(spec);
  const L = captionLengthOf(spec);
  const sums: MaskedSums = { loss: 0, hits: 0, count: 0 };
  try {
    for (let from = 0; from < set.rows; from += EVAL_BATCH) {
      const m = Math.min(EVAL_BATCH, set.rows - from);
      const out = await session.run({
        [NAMES.tokens]: new ort.Tensor('int64', set.tokens.subarray(from * n, (from + m) * n), [m, n]),
        [NAMES.caption]: new ort.Tensor('int64', set.captions.subarray(from * L, (from + m) * L), [m, L]),
      });
      addMaskedScores(sums, out[NAMES.logits].data as Float32Array, set, from, m, n, spec.codebookSize);
    }
  } finally {
    await session.release();
  }
  return { loss: sums.loss / sums.count, accuracy: sums.hits / sums.count, positions: sums.count, rows: set.rows };
}

/** A resumed run must read the same data: its batches depend on the row and reference counts and the token grid. */
function checkResumed(t: TokenTable, references: number, saved: CheckpointMeta, dir: string): void {
  const { grid, codebookSize } = saved.spec;
  if (t.grid.height !== grid.height || t.grid.width !== grid.width || t.codebookSize !== codebookSize) {
    throw new DataError(`${t.source}: tokens are ${t.grid.height}x${t.grid.width} of ${t.codebookSize} codes but ${path.join(dir, CHECKPOINT)} has ${grid.height}x${grid.width} of ${codebookSize}`);
  }
  if (t.rows !== saved.rows || references !== saved.references) {
    throw new DataError(`--resume: ${t.source} has ${t.rows} rows and ${references} captions, but the checkpoint's data had ${saved.rows} and ${saved.references}; resume on the same data`);
  }
}

function withDefaults(flags: Partial<T2iTrainArgs>): T2iTrainArgs {
  if (flags.epochs !== undefined && flags.steps !== undefined) throw new UsageError('give --epochs or --steps, not both');
  const out = { ...T2I_TRAIN_DEFAULTS } as T2iTrainArgs;
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  if (out.dModel % out.heads !== 0) throw new UsageError(`--d-model ${out.dModel} must be divisible by --heads ${out.heads}`);
  return out;
}
