/**
 * Hint-ReLIC (method note hint-relic-clrs.md §1.2-1.4, §4; relic-relicv2-semppl.md §1.2): next to the supervised
 * hint + output loss, the same network reads an augmented input x' at its matched step t' (teacher-forced with x''s
 * ground-truth hint t', §4.3), on which the algorithm's step t -> t+1 is the same on the original nodes, and two
 * terms tie the two readings together:
 *
 * - a contrastive term: the anchor is the model's representation of the true next-step choice on the original
 *   input, the positive the same choice on the augmented input (through the node map), the negatives every other
 *   candidate of the augmented input;
 * - a KL invariance term: the model's next-step distribution on the augmented input, restricted to the original
 *   nodes, must match the one on the original: KL(p_aug ‖ stop-gradient(p_orig)).
 *
 * Per decoded node hint (docs/clrs-model.md "Hint-ReLIC"):
 *
 * | type     | candidates            | contrastive (cosine / τ)                                        | KL over         |
 * | pointer  | augmented nodes u'    | pair (i, j*) on x vs pairs (map i, u') on x'; positive map j*    | original nodes  |
 * | mask_one | augmented nodes u'    | node j* on x vs nodes u' on x'; positive map j*                  | original nodes  |
 * | mask     | the classes {0, 1}    | cross-entropy of x''s class logits at map i, target of x at i    | the two classes |
 * | categorical | the C classes      | the same with C classes                                          | the C classes   |
 *
 * Pair representations are the pointer decoder's p_iu = max(L1 h_i, L2 h_u + L3 e_ui) (decoders.ts); node
 * representations the decoders' node input [node features ‖ h_t ‖ h_{t+1}]. Scalars, edge and graph hints take
 * no part. The node map enters as a one-hot matrix M [B, n, m] (M[b, i, map_b(i)] = 1), so every gather is a
 * matrix product and the augmented node count m stays a symbolic dimension of its own.
 */
import type { Graph, Value } from '../../engine/graph.js';
import { l2Normalize } from '../../engine/nn/index.js';
import type { ModelOutputs } from '../../engine/train-step.js';
import {
  add,
  cast,
  concat,
  div,
  exp,
  greater,
  logSoftmax,
  matmul,
  maximum,
  mul,
  neg,
  reduceSum,
  stopGradient,
  sub,
  squeeze,
  transpose,
  transposeLast2,
  unsqueeze,
} from '../../engine/ops/index.js';
import { supervisedStep, trainingOutputs, type NetworkConfig, type StepInputs, type TrainingOutputOptions } from './network.js';
import { batchShape, names, type ModelProbe, type ModelSpec } from './probes.js';

export interface HintRelicConfig {
  /** λ: weight of the whole Hint-ReLIC term (contrastive + α · KL) added to the supervised loss. */
  weight: number;
  /** α: weight of the KL invariance term inside it. */
  invarianceWeight: number;
  /** τ: temperature of the cosine similarities of the contrastive term. */
  temperature: number;
}

/** Method note §1.4's starting point (ReLIC practice): λ from {0.1, 1}, α ≈ 1, τ in [0.1, 1]. */
export const HINT_RELIC_DEFAULTS: HintRelicConfig = { weight: 0.1, invarianceWeight: 1, temperature: 0.2 };

/** The contrastive and KL terms of one probe, each a float scalar. */
export interface RelicTerms {
  contrastive: Value;
  invariance: Value;
}

const EPS = 1e-12;

/** Graph input names of the augmented branch. */
export const relicNames = {
  /** The augmented input's features and hidden state: `aug.<feature>`, `aug.hidden`. */
  augmented: (feature: string): string => `aug.${feature}`,
  /** [B, n, m] one-hot node map. */
  nodeMap: 'relic.node_map',
  /** [B]: 1 where the sample has a verified augmentation of this step (and a hint at t + 1). */
  weight: 'relic.weight',
} as const;

/** The decoded hints the terms cover: node pointers, mask_one, masks and categoricals. */
export function contrastedProbes(spec: ModelSpec): ModelProbe[] {
  return spec.decoded.filter((p) => p.stage === 'hint' && p.location === 'node' && ['pointer', 'mask_one', 'mask', 'categorical'].includes(p.type));
}

/** sum(l · m) / max(sum(m), eps). */
function weightedMean(l: Value, m: Value): Value {
  return div(reduceSum(mul(l, m)), maximum(reduceSum(m), EPS));
}

/** w [B] broadcast to the rank of x. */
function perSample(w: Value, rank: number): Value {
  return rank > 1 ? unsqueeze(w, Array.from({ length: rank - 1 }, (_, i) => i + 1)) : w;
}

/** KL(softmax(a) ‖ softmax(o)) over the last axis, from logits, with o under a stop-gradient. */
function klToFrozen(augmented: Value, original: Value): Value {
  const la = logSoftmax(augmented, -1);
  return reduceSum(mul(exp(la), sub(la, stopGradient(logSoftmax(original, -1)))), [-1]);
}

/** −Σ y log softmax(x) over the last axis. */
function crossEntropy(x: Value, y: Value): Value {
  return neg(reduceSum(mul(y, logSoftmax(x, -1)), [-1]));
}

/** Cosine similarities / τ of anchors a [..., D] with candidates c [..., k, D]: [..., k]. */
function similarities(a: Value, c: Value, temperature: number): Value {
  return div(reduceSum(mul(unsqueeze(l2Normalize(a), [-2]), l2Normalize(c)), [-1]), temperature);
}

/**
 * A node pointer hint. pairsO [B, n, n, H] and logitsO [B, n, n] on the original, pairsA [B, m, m, H] and logitsA
 * [B, m, m] on the augmented input; target [B, n, n] the one-hot next pointers; map [B, n, m]; weight [B].
 */
export function pointerTerms(pairsO: Value, logitsO: Value, pairsA: Value, logitsA: Value, target: Value, map: Value, weight: Value, temperature: number): RelicTerms {
  const anchor = reduceSum(mul(pairsO, unsqueeze(target, [-1])), [2]); // [B, n, H]: pair (i, j*)
  // Rows map(i) of the augmented pairs: M [B, 1, n, m] @ pairsA as [B, u', m, H] -> [B, u', n, H] -> [B, n, u', H].
  const rows = transpose(matmul(unsqueeze(map, [1]), transpose(pairsA, [0, 2, 1, 3])), [0, 2, 1, 3]);
  const positive = matmul(target, map); // [B, n, m]: map(j*)
  const contrastive = weightedMean(crossEntropy(similarities(anchor, rows, temperature), positive), mul(reduceSum(positive, [-1]), perSample(weight, 2)));
  const restricted = matmul(matmul(map, logitsA), transposeLast2(map)); // [B, n, n]: logitsA[map i, map u]
  const ones = add(mul(reduceSum(target, [-1]), 0), 1);
  const invariance = weightedMean(klToFrozen(restricted, logitsO), mul(ones, perSample(weight, 2)));
  return { contrastive, invariance };
}

/**
 * A mask_one hint. nodesO [B, n, D] and logitsO [B, n]; nodesA [B, m, D] and logitsA [B, m]; target [B, n] the
 * one-hot next node; map [B, n, m]; weight [B].
 */
export function maskOneTerms(nodesO: Value, logitsO: Value, nodesA: Value, logitsA: Value, target: Value, map: Value, weight: Value, temperature: number): RelicTerms {
  const anchor = reduceSum(mul(nodesO, unsqueeze(target, [-1])), [1]); // [B, D]: node j*
  const positive = squeeze(matmul(unsqueeze(target, [1]), map), [1]); // [B, m]
  const contrastive = weightedMean(crossEntropy(similarities(anchor, nodesA, temperature), positive), mul(reduceSum(positive, [-1]), weight));
  const restricted = squeeze(matmul(map, unsqueeze(logitsA, [-1])), [-1]); // [B, n]
  return { contrastive, invariance: weightedMean(klToFrozen(restricted, logitsO), weight) };
}

/**
 * A mask or categorical hint, with the classes as the contrast set. logitsO [B, n] (mask) or [B, n, C]; logitsA
 * [B, m] or [B, m, C]; target in the feature layout (masks 0/1 with −1 masked, categoricals one-hot with all-zero
 * rows masked); map [B, n, m]; weight [B]. Masks are read as two classes with logits (0, x).
 */
export function classTerms(type: 'mask' | 'categorical', logitsO: Value, logitsA: Value, target: Value, map: Value, weight: Value): RelicTerms {
  const twoClass = (x: Value): Value => {
    const l = unsqueeze(x, [-1]);
    return concat([mul(l, 0), l], -1);
  };
  const mapped = type === 'mask' ? squeeze(matmul(map, unsqueeze(logitsA, [-1])), [-1]) : matmul(map, logitsA);
  const o = type === 'mask' ? twoClass(logitsO) : logitsO;
  const a = type === 'mask' ? twoClass(mapped) : mapped;
  const y = type === 'mask' ? concat([unsqueeze(sub(1, target), [-1]), unsqueeze(target, [-1])], -1) : target;
  const present = type === 'mask' ? cast(greater(target, -0.5), target.dtype) : reduceSum(target, [-1]);
  const m = mul(present, perSample(weight, 2));
  return { contrastive: weightedMean(crossEntropy(a, y), m), invariance: weightedMean(klToFrozen(a, o), m) };
}

/** Declares the augmented branch's inputs: features and hidden state over 'm' nodes, the node map, the weights. */
function declareAugmentedInputs(g: Graph, spec: ModelSpec, hidden: number): { inputs: StepInputs; map: Value; weight: Value } {
  const features: Record<string, Value> = {};
  for (const p of spec.encoded) features[names.feature(p)] = g.input(relicNames.augmented(names.feature(p)), g.floatType, batchShape(p, 'batch', 'm'));
  return {
    inputs: { features, hidden: g.input(relicNames.augmented(names.hidden), g.floatType, ['batch', 'm', hidden]) },
    map: g.input(relicNames.nodeMap, g.floatType, ['batch', 'n', 'm']),
    weight: g.input(relicNames.weight, g.floatType, ['batch']),
  };
}

/**
 * The training step's model for --objective hint-relic: the supervised step, the same network (shared parameters)
 * applied to the augmented batch, and loss = hint + output + λ (contrastive + α · invariance). Metrics: hint_loss,
 * output_loss, contrastive and invariance (each summed over the covered probes).
 */
export function hintRelicTrainingModel(config: NetworkConfig, relic: HintRelicConfig, out: TrainingOutputOptions = {}): (g: Graph) => ModelOutputs {
  return (g) => {
    const s = supervisedStep(g, config);
    const aug = declareAugmentedInputs(g, s.net.spec, config.hidden);
    const a = s.net.step(aug.inputs);
    const o = s.result;
    const terms = contrastedProbes(s.net.spec).map((p) => {
      const key = names.feature(p);
      const y = s.targets[key];
      if (p.type === 'pointer') return pointerTerms(o.pairs[key], o.predictions[key], a.pairs[key], a.predictions[key], y, aug.map, aug.weight, relic.temperature);
      if (p.type === 'mask_one') return maskOneTerms(o.nodes, o.predictions[key], a.nodes, a.predictions[key], y, aug.map, aug.weight, relic.temperature);
      return classTerms(p.type as 'mask' | 'categorical', o.predictions[key], a.predictions[key], y, aug.map, aug.weight);
    });
    const total = (xs: Value[]): Value => xs.reduce((x, y) => add(x, y), g.scalar(0, g.floatType));
    const contrastive = total(terms.map((t) => t.contrastive));
    const invariance = total(terms.map((t) => t.invariance));
    const relicLoss = mul(add(contrastive, mul(invariance, relic.invarianceWeight)), relic.weight);
    return {
      loss: add(add(s.hintLoss, s.outputLoss), relicLoss),
      metrics: { hint_loss: s.hintLoss, output_loss: s.outputLoss, contrastive, invariance },
      outputs: trainingOutputs(s, out),
    };
  };
}
