/**
 * The encode-process-decode network for one CLRS algorithm, as ONE processor step (method note §2.9; CLRS
 * `nets.py`): encode the inputs and the hints at step t, run the processor once on [node features ‖ hidden h_t],
 * decode the hints at step t + 1 and the outputs from [node features ‖ h_t ‖ h_{t+1}] and [edge features ‖ triplet
 * latent], and return h_{t+1}.
 *
 * Why one step: trajectories have different lengths T and the engine has no Loop op, so the graph cannot unroll a
 * trajectory. The caller carries the hidden state between runs (no gradient flows through it) and, in training,
 * feeds the ground-truth hints of step t (teacher forcing); Ibarz et al. instead unroll the whole trajectory and
 * feed back the model's own soft predictions. Evaluation runs the graph T - 1 times per sample (at least once),
 * feeding back its own hard-decoded hints, and scores the outputs decoded at the last step. This is our
 * reconstruction under the engine's constraints, not the benchmark's training recipe; see docs/clrs-model.md.
 *
 * The node count is the symbolic dimension 'n' and the batch 'batch', so one graph serves every size.
 */
import type { Graph, Value } from '../../engine/graph.js';
import type { ModelOutputs } from '../../engine/train-step.js';
import { add, concat } from '../../engine/ops/index.js';
import { Decoder } from './decoders.js';
import { Encoders } from './encoders.js';
import { probeLoss } from './losses.js';
import { Mpnn, type Processor } from './processor-mpnn.js';
import { TripletGmpnn } from './processor-triplet-gmpnn.js';
import { batchShape, modelSpec, names, type ModelSpec } from './probes.js';
import { logSinkhorn } from './sinkhorn.js';

export const PROCESSORS = ['triplet_gmpnn', 'mpnn'] as const;
export type ProcessorKind = (typeof PROCESSORS)[number];

export interface NetworkConfig {
  algorithm: string;
  hidden: number;
  processor: ProcessorKind;
}

export interface StepInputs {
  /** Encoded probes' feature tensors by feature name (`input.key`, `hint.pred_h`). */
  features: Record<string, Value>;
  /** [B, n, H] the hidden state h_t. */
  hidden: Value;
}

export interface StepResult {
  /** [B, n, H] h_{t+1}. */
  hidden: Value;
  /** Logits of every decoded probe by feature name (`hint.pi_h`, `output.pi`); permutations after log-Sinkhorn. */
  predictions: Record<string, Value>;
  /** Node pointer decoders' pair representations [B, n, n, H] by feature name, for a contrastive term. */
  pairs: Record<string, Value>;
  /** [B, n, 3H] the decoders' node input [node features ‖ h_t ‖ h_{t+1}], for a contrastive term over nodes. */
  nodes: Value;
}

export class ClrsNetwork {
  readonly spec: ModelSpec;
  private readonly encoders: Encoders;
  private readonly processor: Processor;
  private readonly decoders: Decoder[];

  constructor(g: Graph, readonly config: NetworkConfig) {
    this.spec = modelSpec(config.algorithm);
    const H = config.hidden;
    const hasEdges = this.spec.encoded.some((p) => p.location === 'edge' || p.type === 'pointer');
    const hasGraph = this.spec.encoded.some((p) => p.location === 'graph');
    const triplets = config.processor === 'triplet_gmpnn';
    this.encoders = new Encoders(g, this.spec.encoded, H);
    const features = { edge: hasEdges, graph: hasGraph };
    this.processor = triplets ? new TripletGmpnn(g, 'processor', H, features) : new Mpnn(g, 'processor', H, features);
    const sizes = { node: 3 * H, edge: (hasEdges ? H : 0) + (triplets ? H : 0), graph: hasGraph ? H : 0, hidden: H };
    this.decoders = this.spec.decoded.map((p) => new Decoder(g, p, sizes));
  }

  /** One step; `noise`: Gumbel noise for permutation outputs by probe name (training only). */
  step(x: StepInputs, noise: Readonly<Record<string, Value>> = {}): StepResult {
    const f = this.encoders.apply(x.features);
    const next = this.processor.apply({ node: f.node, edge: f.edge, graph: f.graph, hidden: x.hidden });
    const edges = [f.edge, next.edgeLatent].filter((v): v is Value => v !== null);
    const decoderInput = {
      node: concat([f.node, x.hidden, next.hidden], -1),
      edge: edges.length === 0 ? null : edges.length === 1 ? edges[0] : concat(edges, -1),
      graph: f.graph,
    };
    const predictions: Record<string, Value> = {};
    const pairs: Record<string, Value> = {};
    for (const d of this.decoders) {
      const out = d.apply(decoderInput);
      const key = names.feature(d.probe);
      predictions[key] = d.probe.type === 'permutation_pointer' ? logSinkhorn(out.logits, { noise: noise[d.probe.name] ?? null }) : out.logits;
      if (out.pairs) pairs[key] = out.pairs;
    }
    return { hidden: next.hidden, predictions, pairs, nodes: decoderInput.node };
  }
}

/** Declares the step's feature and hidden-state inputs on g. */
export function declareStepInputs(g: Graph, spec: ModelSpec, hidden: number): StepInputs {
  const features: Record<string, Value> = {};
  for (const p of spec.encoded) features[names.feature(p)] = g.input(names.feature(p), g.floatType, batchShape(p, 'batch', 'n'));
  return { features, hidden: g.input(names.hidden, g.floatType, ['batch', 'n', hidden]) };
}

/** The supervised part of a training step, built on g: the network, its inputs, targets, step and losses. */
export interface SupervisedStep {
  net: ClrsNetwork;
  inputs: StepInputs;
  /** Target feature of every decoded probe by feature name. */
  targets: Record<string, Value>;
  /** [B] 1 where the sample has a hint at step t + 1. */
  hintWeight: Value;
  result: StepResult;
  hintLoss: Value;
  outputLoss: Value;
}

/**
 * The supervised step: teacher-forced features at step t, targets for step t + 1 and the outputs, the per-sample
 * weights `hint_weight` and `output_weight` [B], Gumbel noise for permutation outputs; the hint and output losses
 * are the sums of the decoded probes' losses.
 */
export function supervisedStep(g: Graph, config: NetworkConfig): SupervisedStep {
  const net = new ClrsNetwork(g, config);
  const inputs = declareStepInputs(g, net.spec, config.hidden);
  const noise: Record<string, Value> = {};
  for (const p of net.spec.decoded) {
    if (p.type === 'permutation_pointer') noise[p.name] = g.input(names.gumbel(p), g.floatType, ['batch', 'n', 'n']);
  }
  const targets = net.spec.decoded.map((p) => g.input(names.target(p), g.floatType, batchShape(p, 'batch', 'n')));
  const hintWeight = g.input(names.hintWeight, g.floatType, ['batch']);
  const outputWeight = g.input(names.outputWeight, g.floatType, ['batch']);
  const r = net.step(inputs, noise);
  const losses = { hint: [] as Value[], output: [] as Value[] };
  net.spec.decoded.forEach((p, k) => {
    const hint = p.stage === 'hint';
    losses[hint ? 'hint' : 'output'].push(probeLoss(p, r.predictions[names.feature(p)], targets[k], hint ? hintWeight : outputWeight));
  });
  const total = (xs: Value[]): Value => xs.reduce((a, b) => add(a, b), g.scalar(0, g.floatType));
  const targetsByName = Object.fromEntries(net.spec.decoded.map((p, k) => [names.feature(p), targets[k]]));
  return { net, inputs, targets: targetsByName, hintWeight, result: r, hintLoss: total(losses.hint), outputLoss: total(losses.output) };
}

/**
 * The training step's model (objective supervised): the loss is the sum of every decoded probe's loss; metrics
 * `hint_loss` and `output_loss`; h_{t+1} comes back as `hidden_out`.
 */
export function trainingModel(config: NetworkConfig, o: TrainingOutputOptions = {}): (g: Graph) => ModelOutputs {
  return (g) => {
    const s = supervisedStep(g, config);
    return {
      loss: add(s.hintLoss, s.outputLoss),
      metrics: { hint_loss: s.hintLoss, output_loss: s.outputLoss },
      outputs: trainingOutputs(s, o),
    };
  };
}

export interface TrainingOutputOptions {
  /** Also return the hint logits `pred.hint.*`, for a caller that feeds the model's own predictions back. */
  hintPredictions?: boolean;
}

/** A training step's outputs besides the loss: h_{t+1} as `hidden_out`, and the hint logits where asked for. */
export function trainingOutputs(s: SupervisedStep, o: TrainingOutputOptions): Record<string, Value> {
  const out: Record<string, Value> = { [names.hiddenOut]: s.result.hidden };
  if (o.hintPredictions) for (const p of s.net.spec.decoded) if (p.stage === 'hint') out[names.prediction(p)] = s.result.predictions[names.feature(p)];
  return out;
}

/** The inference step: features and hidden state in; `pred.<stage>.<name>` logits and `hidden_out` out. */
export function inferenceModel(config: NetworkConfig): (g: Graph) => Record<string, Value> {
  return (g) => {
    const net = new ClrsNetwork(g, config);
    const r = net.step(declareStepInputs(g, net.spec, config.hidden));
    const out: Record<string, Value> = {};
    for (const p of net.spec.decoded) out[names.prediction(p)] = r.predictions[names.feature(p)];
    out[names.hiddenOut] = r.hidden;
    return out;
  };
}

