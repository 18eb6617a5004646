/**
 * One training step as one ONNX graph, and the runtime object that drives it.
 *
 * `buildTrainStep` builds the model in training mode, differentiates the loss with respect to every trainable
 * parameter, optionally clips the global gradient norm, applies the optimizer and EMA updates, and declares as
 * outputs: the loss, the metrics, and a `<name>.next` value for every carried tensor (parameters, updated
 * buffers, optimizer slots `<param>.<slot>`, EMA shadows `ema.<param>`). Scalar inputs: `lr`, `step` (1-based),
 * `ema_decay` when EMA is on, `dropout_seed` when the model uses dropout.
 *
 * `TrainStep` keeps two preallocated ONNX Runtime tensors for every carried value and swaps them after each run
 * (the outputs are written straight into the spare set through `fetches`), so a step copies nothing in
 * TypeScript: the per-step work is filling the batch and three scalars.
 */
import { UsageError } from '../common/errors.js';
import { Rng } from '../common/random.js';
import { gradients } from './autodiff.js';
import { Graph, type DType, type TensorData, type Value } from './graph.js';
import { serialize } from './onnx.js';
import { add, cast, mul, sub } from './ops/index.js';
import { DROPOUT_SEED } from './ops/dropout.js';
import { clipGlobalNorm } from './optim/clip.js';
import type { Optimizer } from './optim/optimizer.js';
import { createSession, emptyTensor, fromOrt, ort, toOrt, type RuntimeOptions } from './runtime.js';

export interface ModelOutputs {
  loss: Value;
  /** Scalar metrics reported with the loss (accuracy, norms...). */
  metrics?: Record<string, Value>;
  /** Tensors the caller reads back after each step (e.g. embeddings for a queue kept outside the graph). */
  outputs?: Record<string, Value>;
  /** EMA targets the model itself declares (its target network), as in `EmaOptions.targets`. */
  emaTargets?: Record<string, string>;
}

export interface EmaOptions {
  /**
   * Target buffers updated as target <- d target + (1 - d) source after each step (target networks), as
   * { targetBufferName: sourceParamName }; each target starts as a copy of its source. When omitted, every
   * trainable parameter gets a shadow `ema.<name>`.
   */
  targets?: Record<string, string>;
}

export interface TrainStepSpec {
  build: (g: Graph) => ModelOutputs;
  optimizer: Optimizer;
  floatType?: 'float32' | 'float64';
  /** Clip the global gradient norm to this value; adds the metric 'grad_norm' (before clipping). */
  clipNorm?: number;
  ema?: EmaOptions;
}

export interface Carried {
  /** Input name; the output is `${name}.next`. */
  name: string;
  dtype: DType;
  shape: number[];
  /** Where the initial value comes from: a parameter's initializer, zeros, or a copy of a parameter. */
  init: { kind: 'param' } | { kind: 'zeros' } | { kind: 'copy'; of: string };
}

export interface StepLayout {
  /** The inputs a caller feeds each step (the batch). */
  batch: { name: string; dtype: DType; shape: (number | string)[] }[];
  /** Parameters and buffers fed unchanged every step (buffers without an update). */
  fixed: string[];
  carried: Carried[];
  /** Scalar outputs ('loss' first, then the metrics) with their shapes ([] or all ones). */
  scalars: string[];
  /** Non-scalar outputs returned from every step (ModelOutputs.outputs). */
  extras: string[];
  scalarShapes: number[][];
  usesDropout: boolean;
  usesEma: boolean;
}

export interface BuiltStep {
  graph: Graph;
  model: Uint8Array;
  layout: StepLayout;
}

export const NEXT = '.next';

export function buildTrainStep(spec: TrainStepSpec): BuiltStep {
  const floatType = spec.floatType ?? 'float32';
  const g = new Graph({ training: true, floatType });
  const { loss, metrics = {}, outputs = {}, emaTargets } = spec.build(g);
  const userInputs = g.inputs.slice();
  const lr = g.input('lr', floatType, []);
  const step = g.input('step', floatType, []);
  const ema: EmaOptions | undefined = emaTargets ? { targets: { ...spec.ema?.targets, ...emaTargets } } : spec.ema;
  const emaDecay = ema ? g.input('ema_decay', floatType, []) : null;

  const trainable = [...g.params.values()].filter((p) => p.trainable);
  if (trainable.length === 0) throw new UsageError('train step: the model has no trainable parameters');
  const rawGrads = gradients(loss, trainable.map((p) => p.value));
  let grads = rawGrads;
  for (const [name, v] of [['loss', loss] as const, ...Object.entries(metrics)]) {
    const shape = v.staticShape;
    if (!shape || shape.some((d) => d !== 1) || !v.isFloat) {
      throw new UsageError(`train step: '${name}' must be a float scalar, got ${v.dtype}[${v.shape.join(', ')}]`);
    }
    g.output(name, v.dtype === floatType ? v : cast(v, floatType));
  }
  const scalars = ['loss', ...Object.keys(metrics)];
  for (const [name, v] of Object.entries(outputs)) g.output(name, v);
  if (spec.clipNorm !== undefined) {
    const present = rawGrads.filter((x): x is Value => x !== null);
    const clipped = clipGlobalNorm(present, spec.clipNorm);
    let k = 0;
    grads = rawGrads.map((x) => (x ? clipped.grads[k++] : null));
    g.output('grad_norm', clipped.norm);
    scalars.push('grad_norm');
  }

  const carried: Carried[] = [];
  const newValue = new Map<string, Value>();
  const carry = (name: string, value: Value, init: Carried['init'], next: Value): void => {
    carried.push({ name, dtype: value.dtype, shape: value.staticShape!, init });
    g.output(name + NEXT, next);
  };
  trainable.forEach((spec_, i) => {
    const grad = grads[i];
    const state = spec.optimizer.slots.map((s) => g.input(`${spec_.name}.${s}`, spec_.value.dtype, spec_.shape));
    const upd = grad
      ? spec.optimizer.update({ spec: spec_, param: spec_.value, grad, state, scalars: { lr, step } })
      : { param: spec_.value, state };
    newValue.set(spec_.name, upd.param);
    carry(spec_.name, spec_.value, { kind: 'param' }, upd.param);
    state.forEach((s, k) => carry(s.name, s, { kind: 'zeros' }, upd.state[k]));
  });

  const emaUpdate = (target: Value, source: Value): Value => add(mul(target, emaDecay!), mul(source, sub(1, emaDecay!)));
  const bufferNext = new Map(g.bufferUpdates);
  if (ema?.targets) {
    for (const [target, source] of Object.entries(ema.targets)) {
      const t = g.params.get(target);
      const s = newValue.get(source);
      if (!t || t.trainable) throw new UsageError(`ema: target '${target}' is not a buffer of the model`);
      if (!s) throw new UsageError(`ema: source '${source}' is not a trainable parameter`);
      if (bufferNext.has(target)) throw new UsageError(`ema: buffer '${target}' already has an update`);
      bufferNext.set(target, emaUpdate(t.value, s));
    }
  } else if (ema) {
    for (const p of trainable) {
      const shadow = g.input(`ema.${p.name}`, p.value.dtype, p.shape);
      carry(shadow.name, shadow, { kind: 'copy', of: p.name }, emaUpdate(shadow, newValue.get(p.name)!));
    }
  }
  const fixed: string[] = [];
  for (const p of g.params.values()) {
    if (p.trainable) continue;
    const next = bufferNext.get(p.name);
    const source = ema?.targets?.[p.name];
    if (next) carry(p.name, p.value, source ? { kind: 'copy', of: source } : { kind: 'param' }, next);
    else fixed.push(p.name);
  }

  const batch = userInputs
    .filter((v) => !g.params.has(v.name) && v.name !== DROPOUT_SEED)
    .map((v) => ({ name: v.name, dtype: v.dtype, shape: [...v.shape] }));
  const layout: StepLayout = {
    batch,
    fixed,
    carried,
    scalars,
    extras: Object.keys(outputs),
    scalarShapes: scalars.map((n) => g.outputs.find((o) => o.name === n)!.value.staticShape!),
    usesDropout: userInputs.some((v) => v.name === DROPOUT_SEED),
    usesEma: emaDecay !== null,
  };
  return { graph: g, model: serialize(g), layout };
}

export interface TrainStepOptions extends RuntimeOptions {
  /** Seeds parameter initialisation and the per-step dropout seeds. */
  seed: number;
  /** Starting values (parameters, buffers, or a full checkpoint); the rest are initialised. */
  initial?: ReadonlyMap<string, TensorData>;
}

export interface StepResult {
  loss: number;
  metrics: Record<string, number>;
  /** The layout's extras, as ONNX Runtime returned them (valid until the next step). */
  outputs: Record<string, ort.Tensor>;
}

export class TrainStep {
  private cur: Record<string, ort.Tensor> = {};
  private spare: Record<string, ort.Tensor> = {};
  private readonly fetches: Record<string, ort.Tensor | null> = {};
  private readonly feeds: Record<string, ort.Tensor> = {};
  private readonly lrT: ort.Tensor;
  private readonly stepT: ort.Tensor;
  private readonly emaT: ort.Tensor | null;
  private readonly seedT: ort.Tensor | null;
  private readonly rng: Rng;
  private t = 0;

  private constructor(
    readonly session: ort.InferenceSession,
    readonly layout: StepLayout,
    fixed: Map<string, TensorData>,
    carried: Map<string, TensorData>,
    seed: number,
  ) {
    for (const c of layout.carried) {
      this.cur[c.name] = toOrt(carried.get(c.name)!);
      this.spare[c.name] = emptyTensor(c.dtype, c.shape);
    }
    for (const [name, t] of fixed) this.feeds[name] = toOrt(t);
    const floatType = layout.carried[0].dtype;
    this.lrT = emptyTensor(floatType, []);
    this.stepT = emptyTensor(floatType, []);
    this.emaT = layout.usesEma ? emptyTensor(floatType, []) : null;
    this.seedT = layout.usesDropout ? emptyTensor('int64', []) : null;
    layout.scalars.forEach((s, i) => (this.fetches[s] = emptyTensor(floatType, layout.scalarShapes[i])));
    // Extras have batch-dependent shapes: ONNX Runtime allocates them.
    for (const e of layout.extras) this.fetches[e] = null;
    this.rng = new Rng(seed ^ 0x5eed);
  }

  static async create(built: BuiltStep, o: TrainStepOptions): Promise<TrainStep> {
    const init = built.graph.initParams(o.seed);
    const given = o.initial ?? new Map<string, TensorData>();
    const value = (name: string): TensorData => given.get(name) ?? init.get(name)!;
    const carried = new Map<string, TensorData>();
    for (const c of built.layout.carried) {
      let t: TensorData;
      if (given.has(c.name)) t = given.get(c.name)!;
      else if (c.init.kind === 'param') t = value(c.name);
      else if (c.init.kind === 'copy') t = value(c.init.of);
      else t = fromOrt(emptyTensor(c.dtype, c.shape));
      if (t.dtype !== c.dtype || t.shape.join() !== c.shape.join()) {
        throw new UsageError(`train step: '${c.name}' is ${t.dtype}[${t.shape.join(', ')}], expected ${c.dtype}[${c.shape.join(', ')}]`);
      }
      // Own copies: the step swaps buffers, and the caller's arrays must stay untouched.
      carried.set(c.name, { ...t, data: t.data.slice() });
    }
    const fixed = new Map(built.layout.fixed.map((n) => [n, value(n)]));
    const session = await createSession(built.model, o);
    const step = new TrainStep(session, built.layout, fixed, carried, o.seed);
    const restoredStep = given.get('step');
    if (restoredStep) {
      step.t = Number(restoredStep.data[0]);
      if (!Number.isSafeInteger(step.t) || step.t < 0) throw new UsageError(`train step: the checkpoint's step count ${step.t} is not a step number`);
      // One dropout seed is drawn per step: replaying the draws makes a resumed run continue the same stream.
      if (step.seedT) for (let i = 0; i < step.t; i++) step.rng.nextUint32();
    }
    return step;
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.t;
  }

  /** Runs one step on a batch (the layout's batch inputs) with learning rate `lr`. */
  async run(batch: Readonly<Record<string, ort.Tensor>>, lr: number, o: { emaDecay?: number } = {}): Promise<StepResult> {
    this.t += 1;
    const feeds = this.feeds;
    for (const b of this.layout.batch) {
      const x = batch[b.name];
      if (!x) throw new UsageError(`train step: batch is missing input '${b.name}'`);
      feeds[b.name] = x;
    }
    (this.lrT.data as Float32Array)[0] = lr;
    (this.stepT.data as Float32Array)[0] = this.t;
    feeds.lr = this.lrT;
    feeds.step = this.stepT;
    if (this.emaT) {
      if (o.emaDecay === undefined) throw new UsageError('train step: the model uses EMA; pass emaDecay');
      (this.emaT.data as Float32Array)[0] = o.emaDecay;
      feeds.ema_decay = this.emaT;
    }
    if (this.seedT) {
      (this.seedT.data as BigInt64Array)[0] = BigInt(this.rng.nextUint32());
      feeds[DROPOUT_SEED] = this.seedT;
    }
    for (const c of this.layout.carried) {
      feeds[c.name] = this.cur[c.name];
      this.fetches[c.name + NEXT] = this.spare[c.name];
    }
    const results = await this.session.run(feeds, this.fetches);
    [this.cur, this.spare] = [this.spare, this.cur];
    const metrics: Record<string, number> = {};
    for (const s of this.layout.scalars.slice(1)) metrics[s] = Number(this.fetches[s]!.data[0]);
    const outputs: Record<string, ort.Tensor> = {};
    for (const e of this.layout.extras) outputs[e] = results[e] as ort.Tensor;
    return { loss: Number(this.fetches.loss!.data[0]), metrics, outputs };
  }

  /**
   * Undoes the last step: after a run the spare set still holds the values that step read, so swapping back
   * restores them (used to keep the last good state when a step produced a non-finite loss). Once only.
   */
  rollback(): void {
    if (this.t === 0) throw new UsageError('train step: nothing to roll back');
    [this.cur, this.spare] = [this.spare, this.cur];
    this.t -= 1;
  }

  /** Current parameters and buffers (copies), by name: what an inference export needs. */
  parameters(): Map<string, TensorData> {
    const out = new Map<string, TensorData>();
    const graphValues = this.layout.carried.filter((c) => c.init.kind !== 'zeros' && !c.name.startsWith('ema.'));
    const names = new Set([...this.layout.fixed, ...graphValues.map((c) => c.name)]);
    for (const name of names) out.set(name, this.copy(name));
    return out;
  }

  /** EMA shadows of the parameters (empty unless EMA shadows are on), under the parameters' own names. */
  emaParameters(): Map<string, TensorData> {
    const out = new Map<string, TensorData>();
    for (const c of this.layout.carried) if (c.name.startsWith('ema.') && c.init.kind === 'copy') out.set(c.init.of, this.copy(c.name));
    return out;
  }

  /** Everything needed to resume: carried values, fixed buffers and the step count under 'step'. */
  checkpoint(): Map<string, TensorData> {
    const out = new Map<string, TensorData>();
    for (const c of this.layout.carried) out.set(c.name, this.copy(c.name));
    for (const n of this.layout.fixed) out.set(n, this.copy(n));
    out.set('step', { dtype: 'float64', shape: [1], data: Float64Array.of(this.t) });
    return out;
  }

  private copy(name: string): TensorData {
    const t = fromOrt(this.cur[name] ?? this.feeds[name]);
    return { ...t, data: t.data.slice() };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
