/**
 * `causal train --task clrs`: the encode-process-decode network (src/clrs/model) on one CLRS algorithm, supervised
 * on hints and outputs, written as a model directory whose model.onnx is the one-step inference graph.
 *
 * A training step ("batch" below, as the benchmark counts steps) is one batch of same-size samples; the step graph
 * runs once per processor step of its trajectories in order (ground-truth hints, or with --teacher-forcing below 1
 * sometimes the model's own decoded hints of the step before; hidden state carried outside the graph), each run one
 * optimizer update. Data comes from a `causal clrs sample` table (batches grouped by n,
 * shuffled per epoch by --seed) or, without a table, is sampled on the fly from the registry as in Ibarz et al.:
 * sizes cycling through 4, 7, 11, 13, 16, each batch drawn from its own stream of --seed. Training inputs get the
 * benchmark's randomised `pos` (sorted uniforms). Every random choice is a function of (seed, batch), so --resume
 * from a checkpoint (written at batch boundaries) continues exactly.
 *
 * --objective hint-relic adds the Hint-ReLIC terms (src/clrs/model/hint-relic.ts): at every processor step t the
 * batch's step is augmented on the fly (src/clrs/augment/same-size.ts, streams (seed, batch, t, sample)), and the
 * augmented batch runs through the same network in the same graph run, teacher-forced with its own hint t' and fed
 * the original's hidden state on the original nodes (zeros on the added ones).
 */
import path from 'node:path';
import { Table } from 'apache-arrow';
import { DataError, UsageError } from '../common/errors.js';
import { rngFor, type Rng } from '../common/random.js';
import { VERSION } from '../common/version.js';
import { encodeCheckpoint } from '../engine/checkpoint.js';
import { exportInference } from '../engine/export.js';
import type { TensorData } from '../engine/graph.js';
import { adamw, warmupCosine } from '../engine/optim/index.js';
import { ort, type Device } from '../engine/runtime.js';
import { buildTrainStep, TrainStep } from '../engine/train-step.js';
import { DivergedError } from '../engine/trainer.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { CHECKPOINT, MODEL_FORMAT, TASKS, writeCheckpointBytes, writeModel } from '../io/model-dir.js';
import type { ClrsAlgorithm } from '../clrs/algorithm.js';
import type { Augmenter } from '../clrs/augment/augmenter.js';
import { AUGMENTED_ALGORITHMS, augmenterFor } from '../clrs/augment/index.js';
import { augmentSameSize } from '../clrs/augment/same-size.js';
import { algorithm as findAlgorithm } from '../clrs/algorithms/index.js';
import { readSamples } from '../clrs/arrow.js';
import type { Sample } from '../clrs/sample.js';
import { BatchWriter, decodeHints } from '../clrs/model/batch.js';
import { HINT_RELIC_DEFAULTS, hintRelicTrainingModel, relicNames, type HintRelicConfig } from '../clrs/model/hint-relic.js';
import { inferenceModel, trainingModel, type NetworkConfig, type ProcessorKind } from '../clrs/model/network.js';
import { modelSpec, names, type ModelSpec } from '../clrs/model/probes.js';
import { gumbel, SINKHORN_STEPS, SINKHORN_TEMPERATURE } from '../clrs/model/sinkhorn.js';
import { TRIPLET_FEATURES } from '../clrs/model/processor-triplet-gmpnn.js';
import { duration } from './train.js';
import { mergeResumed, startRun, trainingMeans } from './start-run.js';

/** Ibarz et al.'s training sizes, cycled batch by batch (method note §2.4). */
export const TRAIN_SIZES = [4, 7, 11, 13, 16] as const;

/** The arguments that define a run; saved in the checkpoint and model.json, and fixed on --resume. */
export interface ClrsTrainArgs {
  algorithm: string;
  processor: ProcessorKind;
  hidden: number;
  lr: number;
  weightDecay: number;
  schedule: 'constant' | 'cosine';
  warmup: number;
  batchSize: number;
  steps: number;
  clipNorm: number;
  seed: number;
  /**
   * Probability that a processor step reads the ground-truth hints; otherwise (per sample and step) it reads the
   * model's own hard-decoded predictions of the previous step, as evaluation does. 1 = teacher forcing throughout.
   */
  teacherForcing: number;
  /** Present only with --objective hint-relic (a supervised run's arguments stay as they were). */
  hintRelic?: HintRelicArgs;
}

export const CLRS_OBJECTIVES = ['supervised', 'hint-relic'] as const;
export type ClrsObjective = (typeof CLRS_OBJECTIVES)[number];

export interface HintRelicArgs extends HintRelicConfig {
  /** At most this many nodes added per augmentation (docs/clrs-augment.md --max-extra). */
  maxExtra: number;
}

/** Hint-ReLIC defaults: the loss weights of hint-relic.ts and augment-clrs's --max-extra. */
export const HINT_RELIC_ARGS: HintRelicArgs = { ...HINT_RELIC_DEFAULTS, maxExtra: 4 };
/** Oracle tries per proposal, and rounds that bring an augmentation up to the batch's node count. */
const AUGMENT_TRIES = 4;
const AUGMENT_ROUNDS = 4;

/** Steps of training samples with a next hint, by what became of their augmentation (Hint-ReLIC only). */
interface AugmentationCounts {
  augmented: number;
  skipped: number;
  notApplicable: number;
  unresized: number;
  /** Augmented steps left out of the terms because the original reading got its own decoded hints (see augmentedFeeds). */
  ownHints: number;
}

/**
 * The benchmark's recipe (method note §1.6): Adam 1e-3, batch 32, 10,000 steps, hidden 128, clip 1; and half of the
 * steps on the model's own hints, which the benchmark reaches by backpropagating through its own predictions and
 * this engine cannot (docs/clrs-model.md "Teacher forcing": measured on all seven algorithms of the pipeline).
 */
export const CLRS_TRAIN_DEFAULTS: Omit<ClrsTrainArgs, 'algorithm'> = {
  processor: 'triplet_gmpnn',
  hidden: 128,
  lr: 1e-3,
  weightDecay: 0,
  schedule: 'constant',
  warmup: 0,
  batchSize: 32,
  steps: 10000,
  clipNorm: 1,
  seed: 0,
  teacherForcing: 0.5,
};

export interface ClrsModelCard {
  format: string;
  task: typeof TASKS.clrs;
  algorithm: string;
  architecture: NetworkConfig & { tripletFeatures: number | null; sinkhorn: { steps: number; temperature: number } };
  spec: ModelSpec;
  onnx: { inputs: Record<string, string>; outputs: Record<string, string> };
  training: ClrsTrainArgs & { batches: number; updates: number; source: string; examples: number | null; device: Device; threads?: number; augmentation?: AugmentationCounts };
  metrics: { train: Record<string, number>; seconds: number };
  history: ClrsHistoryEntry[];
  versions: Record<string, string>;
}

interface ClrsHistoryEntry {
  batch: number;
  updates: number;
  loss: number;
  hint_loss: number;
  output_loss: number;
  contrastive?: number;
  invariance?: number;
}

interface CheckpointMeta {
  args: ClrsTrainArgs;
  batches: number;
  history: ClrsHistoryEntry[];
  seconds: number;
  augmentation?: AugmentationCounts;
}

export interface ClrsTrainRequest {
  /** A `causal clrs sample` table, or null to sample on the fly. */
  input: ArrowInput | null;
  dir: string;
  resume: boolean;
  flags: Partial<Omit<ClrsTrainArgs, 'hintRelic'>> & { epochs?: number; objective?: ClrsObjective; hintRelic?: Partial<HintRelicArgs> };
  run: { device: Device; threads?: number; checkpointEvery?: number; logEvery?: number };
  log: (line: string) => void;
  progress: (text: string) => void;
}

export async function trainClrs(req: ClrsTrainRequest): Promise<ClrsModelCard> {
  const { dir } = req;
  const start = await startRun<CheckpointMeta>(dir, req.resume);
  const resumed: CheckpointMeta | null = start?.meta ?? null;
  const initial: Map<string, TensorData> | undefined = start?.tensors;
  if (resumed && !resumed.args?.algorithm) throw new DataError(`${path.join(dir, CHECKPOINT)}: not a CLRS checkpoint`);

  const table = req.input ? await readTable(req.input) : null;
  const algorithmName = req.flags.algorithm ?? resumed?.args.algorithm ?? table?.algorithm;
  if (!algorithmName) throw new UsageError('--algorithm is required when training on samples drawn on the fly');
  const alg = findAlgorithm(algorithmName);
  if (table && table.algorithm !== alg.name) {
    throw new DataError(`${table.source}: holds ${table.algorithm} samples, not ${alg.name}; sample them with \`causal clrs sample --algorithm ${alg.name}\``);
  }
  const pick = <K extends keyof ClrsTrainArgs>(k: K): ClrsTrainArgs[K] => (req.flags[k] ?? resumed?.args[k] ?? CLRS_TRAIN_DEFAULTS[k as Exclude<K, 'algorithm'>]) as ClrsTrainArgs[K];
  const source = table ? tableSource(table, pick('batchSize'), pick('seed')) : null;
  const { epochs, objective, hintRelic: relicFlags, ...flags } = req.flags;
  if (epochs !== undefined) {
    if (!source) throw new UsageError('--epochs needs a training table; give --steps when sampling on the fly');
    if (flags.steps !== undefined) throw new UsageError('give --epochs or --steps, not both');
    flags.steps = epochs * source.perEpoch;
  }
  if (resumed && objective !== undefined && (objective === 'hint-relic') !== (resumed.args.hintRelic !== undefined)) {
    throw new UsageError(`--resume: --objective ${objective} differs from the checkpoint's ${resumed.args.hintRelic ? 'hint-relic' : 'supervised'}; resume with the same arguments`);
  }
  const relicGiven = objective === 'hint-relic' || (objective === undefined && resumed?.args.hintRelic !== undefined);
  const hintRelic = relicGiven ? { ...HINT_RELIC_ARGS, ...resumed?.args.hintRelic, ...defined(relicFlags ?? {}) } : undefined;
  const args = resumed
    ? mergeResumed(resumed.args, { ...flags, algorithm: alg.name, ...(hintRelic || resumed.args.hintRelic ? { hintRelic } : {}) })
    : { ...CLRS_TRAIN_DEFAULTS, ...defined(flags), algorithm: alg.name, ...(hintRelic ? { hintRelic } : {}) };
  const augmenter = args.hintRelic ? relicAugmenter(alg.name) : null;
  const batches = source ?? sampledSource(alg, args.batchSize, args.seed);

  const config: NetworkConfig = { algorithm: alg.name, hidden: args.hidden, processor: args.processor };
  const spec = modelSpec(alg.name);
  // Checkpoints written before --teacher-forcing existed were teacher-forced throughout.
  const teacherForcing = args.teacherForcing ?? 1;
  const outputs = { hintPredictions: teacherForcing < 1 };
  const build = args.hintRelic ? hintRelicTrainingModel(config, args.hintRelic, outputs) : trainingModel(config, outputs);
  const built = buildTrainStep({ build, optimizer: adamw({ weightDecay: args.weightDecay }), clipNorm: args.clipNorm });
  const step = await TrainStep.create(built, { seed: args.seed, device: req.run.device, threads: req.run.threads, initial });
  const lr = args.schedule === 'cosine' ? warmupCosine({ base: args.lr, warmupSteps: Math.min(args.warmup, args.steps), totalSteps: args.steps }) : () => args.lr;
  const history = resumed?.history.slice() ?? [];
  const priorSeconds = resumed?.seconds ?? 0;
  let done = resumed?.batches ?? 0;
  if (resumed) req.log(`train: resuming ${dir} at batch ${done} of ${args.steps}`);
  const started = performance.now();
  const checkpointEvery = req.run.checkpointEvery ?? 500;
  const logEvery = req.run.logEvery ?? 100;
  const keys: readonly MetricKey[] = args.hintRelic ? [...SUPERVISED_KEYS, 'contrastive', 'invariance'] : SUPERVISED_KEYS;
  const zero = (): Record<MetricKey, number> => ({ loss: 0, hint_loss: 0, output_loss: 0, contrastive: 0, invariance: 0 });
  const recent: Record<MetricKey, number>[] = [];
  let window = zero();
  let windowUpdates = 0;
  const augmentation: AugmentationCounts | undefined = args.hintRelic ? { augmented: 0, skipped: 0, notApplicable: 0, unresized: 0, ownHints: 0, ...resumed?.augmentation } : undefined;

  const saveCheckpoint = async (): Promise<void> => {
    const meta: CheckpointMeta = { args, batches: done, history, seconds: priorSeconds + (performance.now() - started) / 1000, ...(augmentation ? { augmentation } : {}) };
    await writeCheckpointBytes(dir, encodeCheckpoint(meta, step.checkpoint()));
  };
  try {
    while (done < args.steps) {
      const b = done;
      const drawn = batches.batch(b);
      const samples = withRandomPos(drawn, rngFor(args.seed, `pos ${b}`));
      const writer = new BatchWriter(spec, samples, samples[0].n, args.hidden, { training: true });
      const feeds = Object.fromEntries(Object.entries(writer.feeds).map(([k, f]) => [k, new ort.Tensor('float32', f.data, f.shape)]));
      const noise = rngFor(args.seed, `gumbel ${b}`);
      const coins = rngFor(args.seed, `teacher forcing ${b}`);
      let own: Map<string, Float64Array[]> | null = null;
      const sums = zero();
      for (let t = 0; t < writer.steps; t++) {
        const fed = own;
        const truth = fed ? samples.map((s) => coins.uniform() < teacherForcing || t >= s.length) : null;
        if (fed && truth) {
          writer.teacherHints(t, (p, i) => (truth[i] ? null : fed.get(p.name)![i]));
        } else {
          writer.teacherHints(t);
        }
        writer.targets(t);
        writer.noise(() => noise.uniform(), gumbel);
        if (augmenter) Object.assign(feeds, augmentedFeeds(augmenter, drawn, writer, t, b, args, augmentation!, truth));
        const r = await step.run(feeds, lr(b + 1));
        if (!Number.isFinite(r.loss)) {
          step.rollback();
          throw new DivergedError(`training diverged: the loss was ${r.loss} at batch ${b + 1}, processor step ${t}; lower --lr`);
        }
        writer.setHidden(r.outputs[names.hiddenOut].data as Float32Array);
        if (outputs.hintPredictions) own = decodeHints(spec, r.outputs, samples.length, writer.n);
        sums.loss += r.loss;
        for (const k of keys) if (k !== 'loss') sums[k] += r.metrics[k];
      }
      done += 1;
      const perUpdate = zero();
      for (const k of keys) perUpdate[k] = sums[k] / writer.steps;
      recent.push(perUpdate);
      if (recent.length > 100) recent.shift();
      for (const k of keys) window[k] += sums[k];
      windowUpdates += writer.steps;
      const elapsed = (performance.now() - started) / 1000;
      const eta = (elapsed / (done - (resumed?.batches ?? 0))) * (args.steps - done);
      req.progress(`batch ${done}/${args.steps} n ${writer.n} loss ${perUpdate.loss.toFixed(4)} ETA ${duration(eta)}`);
      if (done % logEvery === 0 || done === args.steps) {
        const entry = { batch: done, updates: step.steps } as ClrsHistoryEntry;
        for (const k of keys) entry[k] = window[k] / windowUpdates;
        history.push(entry);
        const relicText = args.hintRelic ? `, contrastive ${entry.contrastive!.toFixed(4)}, invariance ${entry.invariance!.toFixed(4)}` : '';
        req.log(`train: batch ${done}/${args.steps} loss ${entry.loss.toFixed(4)} (hints ${entry.hint_loss.toFixed(4)}, outputs ${entry.output_loss.toFixed(4)}${relicText}) ETA ${duration(eta)}`);
        window = zero();
        windowUpdates = 0;
      }
      if (done % checkpointEvery === 0 || done === args.steps) await saveCheckpoint();
    }
  } catch (err) {
    if (err instanceof DivergedError) await saveCheckpoint();
    throw err;
  } finally {
    await step.release().catch(() => {});
  }

  const mean = (k: MetricKey): number => recent.reduce((a, r) => a + r[k], 0) / Math.max(1, recent.length);
  const card: ClrsModelCard = {
    format: MODEL_FORMAT,
    task: TASKS.clrs,
    algorithm: alg.name,
    architecture: {
      ...config,
      tripletFeatures: config.processor === 'triplet_gmpnn' ? TRIPLET_FEATURES : null,
      sinkhorn: { steps: SINKHORN_STEPS, temperature: SINKHORN_TEMPERATURE },
    },
    spec,
    onnx: onnxSchema(spec, args.hidden),
    training: {
      ...args,
      batches: done,
      updates: step.steps,
      source: table ? table.source : `sampled on the fly: n cycling ${TRAIN_SIZES.join(', ')}`,
      examples: table ? table.rows.length : null,
      device: req.run.device,
      threads: req.run.threads,
      ...(augmentation ? { augmentation } : {}),
    },
    metrics: { train: trainingMeans(recent.length ? Object.fromEntries(keys.map((k) => [k, mean(k)])) : {}, history, keys), seconds: priorSeconds + (performance.now() - started) / 1000 },
    history,
    versions: { causal: VERSION, 'onnxruntime-node': ort.env.versions.node ?? 'unknown', node: process.versions.node, opset: '17' },
  };
  const onnx = exportInference(inferenceModel(config), step.parameters(), { metadata: [['causal.version', VERSION]] });
  await writeModel(dir, onnx, card);
  return card;
}

type MetricKey = 'loss' | 'hint_loss' | 'output_loss' | 'contrastive' | 'invariance';
const SUPERVISED_KEYS: readonly MetricKey[] = ['loss', 'hint_loss', 'output_loss'];

/** The augmentation rule Hint-ReLIC needs; a one-line error naming the algorithm when there is none. */
function relicAugmenter(algorithm: string): Augmenter {
  const augmenter = augmenterFor(algorithm);
  if (!augmenter) {
    throw new UsageError(`--objective hint-relic: no augmentation rule for CLRS algorithm '${algorithm}' (rules exist for ${AUGMENTED_ALGORITHMS.join(', ')})`);
  }
  return augmenter;
}

/**
 * The augmented branch's feeds for processor step t of batch b: each sample's step t augmented (all to one node
 * count m), with randomised `pos`, teacher-forced with its own hint t', the original's hidden state h_t on the
 * original nodes (zeros on the added ones), the one-hot node map and the per-sample weight. A slot without an
 * augmentation holds another slot's augmented sample (or its own original) with weight 0 and an empty map.
 *
 * `truth[i]` says whether the original reading of sample i got its ground-truth hint t (null: every sample did).
 * Where it read its own decoded hint instead, the oracle's promise (the same step t -> t+1 on the original nodes)
 * is about a state the original reading did not see, so that sample gets weight 0 like a slot without an
 * augmentation: its terms would tie the prediction from the true state to the one from a wrong state.
 */
function augmentedFeeds(augmenter: Augmenter, drawn: readonly Sample[], writer: BatchWriter, t: number, b: number, args: ClrsTrainArgs, counts: AugmentationCounts, truth: readonly boolean[] | null): Record<string, ort.Tensor> {
  const relic = args.hintRelic!;
  const r = augmentSameSize(augmenter, drawn, t, (i) => rngFor(args.seed, `hint-relic ${b} ${t} ${i}`), { maxExtra: relic.maxExtra, tries: AUGMENT_TRIES, rounds: AUGMENT_ROUNDS });
  for (const k of Object.keys(r.counts) as (keyof typeof r.counts)[]) counts[k] += r.counts[k];
  const { m } = r;
  const filler = r.kept.find((k) => k !== null) ?? null;
  const slots = drawn.map((s, i) => r.kept[i] ?? filler ?? { sample: s, step: Math.min(t, s.length - 1), nodeMap: null });
  const samples = withRandomPos(slots.map((k) => k.sample), rngFor(args.seed, `hint-relic pos ${b} ${t}`));
  const aug = new BatchWriter(writer.spec, samples, m, args.hidden, { training: false });
  aug.hints((p, i) => samples[i].hints[p.name][slots[i].step]);
  const { n } = writer;
  const H = args.hidden;
  const hidden = aug.feeds[names.hidden].data;
  const original = writer.feeds[names.hidden].data;
  const map = new Float32Array(drawn.length * n * m);
  const weight = new Float32Array(drawn.length);
  r.kept.forEach((k, i) => {
    if (!k) return;
    if (truth && !truth[i]) {
      counts.ownHints += 1;
      return;
    }
    weight[i] = 1;
    k.nodeMap.forEach((u, v) => {
      map[(i * n + v) * m + u] = 1;
      hidden.set(original.subarray((i * n + v) * H, (i * n + v + 1) * H), (i * m + u) * H);
    });
  });
  const feeds: Record<string, ort.Tensor> = {};
  for (const [name, f] of Object.entries(aug.feeds)) feeds[relicNames.augmented(name)] = new ort.Tensor('float32', f.data, f.shape);
  feeds[relicNames.nodeMap] = new ort.Tensor('float32', map, [drawn.length, n, m]);
  feeds[relicNames.weight] = new ort.Tensor('float32', weight, [drawn.length]);
  return feeds;
}

/** A deterministic sequence of training batches: batch b is the same whatever ran before it. */
interface BatchSource {
  batch(b: number): Sample[];
}

interface ClrsTable {
  source: string;
  algorithm: string;
  rows: Sample[];
}

/** Reads a whole `causal clrs sample` table; it must hold one algorithm. */
export async function readTable(input: ArrowInput): Promise<ClrsTable> {
  const batches = [];
  for await (const b of input.batches) batches.push(b);
  if (!input.schema.fields.some((f) => f.name === 'algorithm')) {
    throw new DataError(`${input.name}: not a CLRS sample table (no 'algorithm' column); make one with \`causal clrs sample\``);
  }
  let rows: Sample[];
  try {
    rows = readSamples(new Table(input.schema, batches)).map((r) => r.sample);
  } catch (err) {
    if (err instanceof DataError) throw new DataError(`${input.name}: ${err.message}`);
    throw err;
  }
  if (rows.length === 0) throw new DataError(`${input.name}: no samples`);
  const algorithms = [...new Set(rows.map((r) => r.algorithm))];
  if (algorithms.length > 1) throw new DataError(`${input.name}: holds samples of several algorithms (${algorithms.join(', ')}); give one`);
  return { source: input.name, algorithm: algorithms[0], rows };
}

/** Table batches: per epoch, each size's rows shuffled and cut into batches, and the batches shuffled. */
function tableSource(t: ClrsTable, batchSize: number, seed: number): BatchSource & { perEpoch: number } {
  const bySize = new Map<number, number[]>();
  t.rows.forEach((s, i) => bySize.set(s.n, [...(bySize.get(s.n) ?? []), i]));
  const sizes = [...bySize.keys()].sort((a, b) => a - b);
  const perEpoch = sizes.reduce((k, n) => k + Math.ceil(bySize.get(n)!.length / batchSize), 0);
  let epoch = -1;
  let plan: number[][] = [];
  return {
    perEpoch,
    batch(b) {
      const e = Math.floor(b / perEpoch);
      if (e !== epoch) {
        const rng = rngFor(seed, `epoch ${e}`);
        const cut: number[][] = [];
        for (const n of sizes) {
          const rows = rng.shuffle(bySize.get(n)!.slice());
          for (let i = 0; i < rows.length; i += batchSize) cut.push(rows.slice(i, i + batchSize));
        }
        plan = rng.shuffle(cut);
        epoch = e;
      }
      return plan[b % perEpoch].map((i) => t.rows[i]);
    },
  };
}

/** On-the-fly batches (Ibarz et al.): batch b at size TRAIN_SIZES[b mod 5], from streams (seed, 'train b i'). */
function sampledSource(alg: ClrsAlgorithm, batchSize: number, seed: number): BatchSource {
  return {
    batch(b) {
      const n = Math.max(TRAIN_SIZES[b % TRAIN_SIZES.length], alg.minN ?? 1);
      return Array.from({ length: batchSize }, (_, i) => alg.run(alg.sample(n, rngFor(seed, `${alg.name} train ${b} ${i}`))));
    },
  };
}

/** CLRS `process_random_pos`: each training sample's `pos` becomes sorted uniforms. */
function withRandomPos(samples: Sample[], rng: Rng): Sample[] {
  return samples.map((s) => {
    const pos = Float64Array.from({ length: s.n }, () => rng.uniform()).sort();
    return { ...s, inputs: { ...s.inputs, pos } };
  });
}

function onnxSchema(spec: ModelSpec, hidden: number): ClrsModelCard['onnx'] {
  const shape = (p: ModelSpec['encoded'][number]): string => {
    const base = p.location === 'node' ? ['n'] : p.location === 'edge' ? ['n', 'n'] : [];
    const last = p.type === 'categorical' ? [String(p.categories)] : p.type === 'pointer' || p.type === 'permutation_pointer' ? ['n'] : [];
    return `float32 [${['batch', ...base, ...last].join(', ')}]`;
  };
  const inputs: Record<string, string> = {};
  for (const p of spec.encoded) inputs[names.feature(p)] = shape(p);
  inputs[names.hidden] = `float32 [batch, n, ${hidden}]`;
  const outputs: Record<string, string> = {};
  for (const p of spec.decoded) outputs[names.prediction(p)] = shape(p);
  outputs[names.hiddenOut] = `float32 [batch, n, ${hidden}]`;
  return { inputs, outputs };
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
