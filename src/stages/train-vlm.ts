/**
 * `causal train-vlm`: the captioner (src/vlm) on image-token tables, written as a model directory (task
 * image-captioning). Reads the whole table (and the --real table when mixing) into memory, builds the word
 * vocabulary from their captions, and trains with teacher forcing: one caption reference per image per pass over
 * its source (src/vlm/mixing.ts), AdamW with linear warm-up and cosine decay, gradient norm clipped to 1.
 * Checkpoints are written atomically at epoch ends, and --resume continues with the saved arguments and vocabulary
 * to the same result as an uninterrupted run.
 */
import path from 'node:path';
import { DataError, UsageError } from '../common/errors.js';
import { VERSION } from '../common/version.js';
import { encodeCheckpoint } from '../engine/checkpoint.js';
import { exportInference } from '../engine/export.js';
import { adamw, warmupCosine } from '../engine/optim/index.js';
import { ort, type Device } from '../engine/runtime.js';
import { StepMeans } from '../engine/step-means.js';
import { buildTrainStep, TrainStep } from '../engine/train-step.js';
import { DivergedError, stepsPerEpoch } from '../engine/trainer.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { CHECKPOINT, MODEL_FORMAT, TASKS, writeCheckpointBytes, writeModel } from '../io/model-dir.js';
import { captionerInference, captionerTraining, NAMES, type CaptionerSpec } from '../vlm/model.js';
import { MixedBatches } from '../vlm/mixing.js';
import { readCaptionTable, tokenCount, type CaptionTable, type TokenGrid } from '../vlm/table.js';
import { BOS, EOS, PAD, SPECIALS, Vocabulary } from '../vlm/vocabulary.js';
import { mergeResumed, startRun, trainingMeans } from './start-run.js';
import { duration } from './train.js';

/** The arguments that define a run; saved in the checkpoint and model.json, and fixed on --resume. */
export interface VlmTrainArgs {
  dModel: number;
  layers: number;
  heads: number;
  latents: number;
  resamplerLayers: number;
  dropout: number;
  maxLength: number;
  /** Words seen fewer times in the training captions are <unk>. */
  minCount: number;
  lr: number;
  weightDecay: number;
  warmup: number;
  batchSize: number;
  epochs?: number;
  steps?: number;
  seed: number;
  /** Share of each batch from INPUT when --real is given (null: proportional to the row counts). */
  mix: number | null;
}

export const VLM_TRAIN_DEFAULTS: VlmTrainArgs = {
  dModel: 128,
  layers: 2,
  heads: 4,
  latents: 8,
  resamplerLayers: 1,
  dropout: 0.1,
  maxLength: 16,
  minCount: 1,
  lr: 1e-3,
  weightDecay: 0.01,
  warmup: 100,
  batchSize: 64,
  seed: 0,
  mix: null,
};
export const DEFAULT_EPOCHS = 30;
const CLIP_NORM = 1;

export interface VlmSource {
  name: string;
  rows: number;
  references: number;
  /** The share of each batch it fills. */
  share: number;
}

export interface VlmModelCard {
  format: string;
  task: typeof TASKS.captioning;
  architecture: CaptionerSpec;
  vocabulary: string[];
  input: { column: string; grid: TokenGrid; onnx: Record<string, string> };
  output: { column: string; onnx: Record<string, string> };
  training: VlmTrainArgs & {
    totalSteps: number;
    stepsTaken: number;
    clipNorm: number;
    sources: VlmSource[];
    /** References longer than --max-length words, trained on their first maxLength words. */
    truncatedReferences: number;
    device: Device;
    threads?: number;
  };
  metrics: { train: Record<string, number>; seconds: number };
  history: VlmHistoryEntry[];
  versions: Record<string, string>;
}

interface VlmHistoryEntry {
  step: number;
  epoch: number;
  loss: number;
  token_accuracy: number;
}

interface CheckpointMeta {
  args: VlmTrainArgs;
  vocabulary: string[];
  grid: TokenGrid;
  sources: VlmSource[];
  history: VlmHistoryEntry[];
  seconds: number;
}

export interface VlmTrainRequest {
  input: ArrowInput;
  /** Real pairs to mix with INPUT (then taken to be the synthetic ones). */
  real?: ArrowInput;
  dir: string;
  resume: boolean;
  flags: Partial<VlmTrainArgs>;
  run: { device: Device; threads?: number; checkpointEvery?: number };
  log: (line: string) => void;
  progress: (text: string) => void;
}

export async function trainVlm(req: VlmTrainRequest): Promise<VlmModelCard> {
  const { dir } = req;
  const start = await startRun<CheckpointMeta>(dir, req.resume);
  const resumed = start?.meta ?? null;
  if (resumed && !resumed.vocabulary) throw new DataError(`${path.join(dir, CHECKPOINT)}: not a captioner checkpoint`);
  if (req.flags.mix !== undefined && req.flags.mix !== null && !req.real) throw new UsageError('--mix needs --real: it sets the share of INPUT pairs against the --real ones');
  const args = resumed ? mergeResumed(resumed.args, req.flags) : withDefaults(req.flags);

  const tables = [await readCaptionTable(req.input, { requireCaptions: true })];
  if (req.real) tables.push(await readCaptionTable(req.real, { requireCaptions: true }));
  const grid = tables[0].grid;
  for (const t of tables) {
    checkGrid(t, resumed?.grid ?? grid, resumed ? path.join(dir, CHECKPOINT) : tables[0].source);
    const bare = t.references!.findIndex((r) => r.length === 0);
    if (bare >= 0) throw new DataError(`${t.source}: row ${bare} has no caption in '${t.captionColumn}'; every training image needs one`);
  }
  const share = tables.length === 1 ? 1 : args.mix ?? tables[0].rows / (tables[0].rows + tables[1].rows);
  const sources: VlmSource[] = tables.map((t, s) => ({
    name: t.source,
    rows: t.rows,
    references: t.references!.reduce((n, r) => n + r.length, 0),
    share: s === 0 ? share : 1 - share,
  }));
  if (resumed) checkSources(sources, resumed.sources);
  const vocabulary = resumed
    ? new Vocabulary(resumed.vocabulary)
    : Vocabulary.build(
        tables.filter((_, s) => sources[s].share > 0).flatMap((t) => t.references!.flat()),
        args.minCount,
      );
  if (vocabulary.size === SPECIALS.length) throw new DataError(`${tables[0].source}: the captions hold no words (with --min-count ${args.minCount})`);
  let truncatedReferences = 0;
  const encoded = tables.map((t) =>
    t.references!.map((refs) =>
      refs.map((r) => {
        const ids = vocabulary.encode(r);
        if (ids.length > args.maxLength) truncatedReferences++;
        return ids.slice(0, args.maxLength);
      }),
    ),
  );

  const spec: CaptionerSpec = {
    grid: { height: grid.height, width: grid.width, dim: grid.dim },
    vocabulary: vocabulary.size,
    maxLength: args.maxLength,
    dModel: args.dModel,
    layers: args.layers,
    heads: args.heads,
    latents: args.latents,
    resamplerLayers: args.resamplerLayers,
    dropout: args.dropout,
  };
  const totalRows = sources.reduce((n, s) => n + s.rows, 0);
  const batchSize = Math.min(args.batchSize, totalRows);
  const perEpoch = stepsPerEpoch(totalRows, batchSize);
  const totalSteps = args.steps ?? (args.epochs ?? DEFAULT_EPOCHS) * perEpoch;
  const plan = new MixedBatches(
    encoded.map((rows) => rows.map((refs) => refs.length)),
    share,
    batchSize,
    args.seed,
  );
  const lr = warmupCosine({ base: args.lr, warmupSteps: Math.min(args.warmup, totalSteps), totalSteps });
  const built = buildTrainStep({ build: captionerTraining(spec), optimizer: adamw({ weightDecay: args.weightDecay }), clipNorm: CLIP_NORM });
  const step = await TrainStep.create(built, { seed: args.seed, device: req.run.device, threads: req.run.threads, initial: start?.tensors });
  if (resumed) req.log(`train-vlm: resuming ${dir} at step ${step.steps} of ${totalSteps}`);

  const size = tokenCount(grid) * grid.dim;
  const L = args.maxLength + 1;
  const x = new Float32Array(batchSize * size);
  const tokens = new BigInt64Array(batchSize * L);
  const targets = new BigInt64Array(batchSize * L);
  const feeds = {
    [NAMES.embedding]: new ort.Tensor('float32', x, [batchSize, size]),
    [NAMES.tokens]: new ort.Tensor('int64', tokens, [batchSize, L]),
    [NAMES.targets]: new ort.Tensor('int64', targets, [batchSize, L]),
  };
  const fill = (t: number): void => {
    tokens.fill(BigInt(PAD));
    targets.fill(BigInt(PAD));
    plan.batch(t).forEach((p, i) => {
      x.set(tables[p.source].embeddings.subarray(p.row * size, (p.row + 1) * size), i * size);
      const words = encoded[p.source][p.row][p.reference];
      tokens[i * L] = BigInt(BOS);
      words.forEach((w, k) => {
        tokens[i * L + k + 1] = BigInt(w);
        targets[i * L + k] = BigInt(w);
      });
      targets[i * L + words.length] = BigInt(EOS);
    });
  };

  const history = resumed?.history.slice() ?? [];
  const priorSeconds = resumed?.seconds ?? 0;
  const started = performance.now();
  const firstStep = step.steps;
  const checkpointEvery = req.run.checkpointEvery ?? perEpoch;
  const window: { loss: number; token_accuracy: number }[] = [];
  const epochSums = new StepMeans();
  const saveCheckpoint = async (): Promise<void> => {
    const meta: CheckpointMeta = { args, vocabulary: [...vocabulary.tokens], grid, sources, history, seconds: priorSeconds + (performance.now() - started) / 1000 };
    await writeCheckpointBytes(dir, encodeCheckpoint(meta, step.checkpoint()));
  };
  try {
    while (step.steps < totalSteps) {
      const t = step.steps + 1;
      fill(t);
      const r = await step.run(feeds, lr(t));
      if (!Number.isFinite(r.loss)) {
        step.rollback();
        await saveCheckpoint();
        throw new DivergedError(`training diverged: the loss was ${r.loss} at step ${t}; the last good state (step ${t - 1}) is kept in the checkpoint; lower --lr`);
      }
      const m = { loss: r.loss, token_accuracy: r.metrics.token_accuracy };
      window.push(m);
      if (window.length > perEpoch) window.shift();
      epochSums.add(m);
      const epoch = Math.floor((t - 1) / perEpoch) + 1;
      const elapsed = (performance.now() - started) / 1000;
      const eta = (elapsed / (t - firstStep)) * (totalSteps - t);
      const rate = ((t - firstStep) * batchSize) / Math.max(elapsed, 1e-9);
      req.progress(`step ${t}/${totalSteps} epoch ${epoch} loss ${m.loss.toFixed(4)} token accuracy ${m.token_accuracy.toFixed(3)} ${Math.round(rate)} pairs/s ETA ${duration(eta)}`);
      if (t % perEpoch === 0 || t === totalSteps) {
        const { loss, token_accuracy } = epochSums.take();
        const entry: VlmHistoryEntry = { step: t, epoch, loss, token_accuracy };
        history.push(entry);
        req.log(`train-vlm: epoch ${epoch} step ${t}/${totalSteps} loss ${entry.loss.toFixed(4)} token accuracy ${entry.token_accuracy.toFixed(3)} ${Math.round(rate)} pairs/s ETA ${duration(eta)}`);
      }
      if (t === totalSteps || t % checkpointEvery === 0) await saveCheckpoint();
    }
  } finally {
    await step.release().catch(() => {});
  }

  const mean = (k: 'loss' | 'token_accuracy'): number => window.reduce((a, w) => a + w[k], 0) / window.length;
  const card: VlmModelCard = {
    format: MODEL_FORMAT,
    task: TASKS.captioning,
    architecture: spec,
    vocabulary: [...vocabulary.tokens],
    input: {
      column: 'embedding',
      grid,
      onnx: { [NAMES.embedding]: `float32 [batch, ${tokenCount(grid) * grid.dim}]`, [NAMES.tokens]: 'int64 [batch, length] (<bos> then words; length <= maxLength + 1)' },
    },
    output: { column: 'caption', onnx: { [NAMES.logits]: 'float32 [batch, length, vocabulary] (next-word logits at each position)' } },
    training: { ...args, totalSteps, stepsTaken: step.steps, clipNorm: CLIP_NORM, sources, truncatedReferences, device: req.run.device, threads: req.run.threads },
    metrics: {
      train: trainingMeans(window.length ? { loss: mean('loss'), token_accuracy: mean('token_accuracy') } : {}, history, ['loss', 'token_accuracy']),
      seconds: priorSeconds + (performance.now() - started) / 1000,
    },
    history,
    versions: { causal: VERSION, 'onnxruntime-node': ort.env.versions.node ?? 'unknown', node: process.versions.node, opset: '17' },
  };
  const onnx = exportInference(captionerInference(spec), step.parameters(), { metadata: [['causal.version', VERSION]] });
  await writeModel(dir, onnx, card);
  return card;
}

function checkGrid(t: CaptionTable, want: TokenGrid, against: string): void {
  const g = t.grid;
  if (g.height !== want.height || g.width !== want.width || g.dim !== want.dim) {
    throw new DataError(`${t.source}: embeddings are ${g.height}x${g.width} tokens of ${g.dim} but ${against} has ${want.height}x${want.width} tokens of ${want.dim}`);
  }
}

/** A resumed run must read the same data: its batch plan depends on the row and reference counts. */
function checkSources(now: VlmSource[], saved: VlmSource[]): void {
  if (now.length !== saved.length) throw new UsageError(`--resume: the checkpoint was trained on ${saved.length} source(s); give ${saved.length === 2 ? '--real again' : 'no --real'}`);
  now.forEach((s, i) => {
    const was = saved[i];
    if (s.rows !== was.rows || s.references !== was.references) {
      throw new DataError(`--resume: ${s.name} has ${s.rows} rows and ${s.references} captions, but the checkpoint's ${was.name} had ${was.rows} and ${was.references}; resume on the same data`);
    }
  });
}

function withDefaults(flags: Partial<VlmTrainArgs>): VlmTrainArgs {
  if (flags.epochs !== undefined && flags.steps !== undefined) throw new UsageError('give --epochs or --steps, not both');
  const out = { ...VLM_TRAIN_DEFAULTS };
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  if (out.dModel % out.heads !== 0) throw new UsageError(`--d-model ${out.dModel} must be divisible by --heads ${out.heads}`);
  return out;
}
