/**
 * SemPPL's semantic positives: a queue of target projections of labelled images (with their labels) gives every
 * anchor extra positives, the queue entries that share its label; unlabelled anchors use a k-NN pseudo-label
 * (k = 1) from the same queue. Labels choose positives only; nothing is trained to predict them.
 *
 * Readings (method note §3.3-3.4, where the sources are third-party): the pseudo-label of an image is the mode of
 * one nearest-neighbour vote per large view, ties going to the vote whose neighbour is closest. The paper samples
 * n_sp = 3 positives per anchor; we average the loss over all of the anchor's positives in the queue instead,
 * the expectation of that sample without its noise (the queue holds every labelled image, a few hundred to a few
 * thousand entries). Each positive q is scored like an augmentation positive against the same negatives, the
 * batch's other target views: softplus(logsumexp_{j != i} S_ij - P_iq) = -log(e^P / (e^P + sum_j e^S_ij)).
 */
import type { Value } from '../engine/graph.js';
import { l2Normalize } from '../engine/nn/index.js';
import {
  add,
  argmax,
  cast,
  div,
  equal,
  gather,
  greater,
  less,
  logsumexp,
  matmul,
  maximum,
  mul,
  oneHot,
  reduceMax,
  reduceSum,
  softplus,
  sub,
  transpose,
  unsqueeze,
  where,
} from '../engine/ops/index.js';
import { cosineLogits, eye } from './similarity.js';

/** Pushes an invalid queue entry or an excluded candidate out of every max and softmax. */
const MASKED = 1e9;

export interface LabelQueue {
  /** Target projections [Q, d] (any scale; normalised here). */
  embeddings: Value;
  /** Their labels [Q] int64. */
  labels: Value;
  /** 1 where the entry holds a labelled image already, 0 for slots not yet filled [Q]. */
  valid: Value;
}

/**
 * The label each anchor's positives are chosen by: its own label where it has one (>= 0), otherwise the k = 1
 * nearest-neighbour vote of its large views' online outputs over the valid queue entries.
 */
export function labelsForPositives(largeViews: readonly Value[], labels: Value, queue: LabelQueue, classes: number): Value {
  const keys = transpose(l2Normalize(queue.embeddings));
  const invalid = mul(sub(1, queue.valid), MASKED);
  let votes: Value | null = null;
  for (const view of largeViews) {
    const sim = sub(matmul(l2Normalize(view), keys), invalid);
    const neighbourLabel = gather(queue.labels, argmax(sim, 1), 0);
    // A vote weighs 1 plus a tie-breaker below 1 / views: the closer neighbour wins a tied count.
    const weight = add(1, mul(reduceMax(sim, [1], true), 1e-3));
    const vote = mul(oneHot(neighbourLabel, classes), weight);
    votes = votes ? add(votes, vote) : vote;
  }
  const pseudo = argmax(votes!, 1);
  return where(less(labels, 0), pseudo, labels);
}

/** What the semantic term needs of one anchor view, whichever target view supplies the negatives. */
export interface SemanticTargets {
  /** cos(anchor_i, queue_q) / tau: [batch, Q]. */
  similarity: Value;
  /** 1 where queue entry q is valid and shares anchor i's label: [batch, Q]. */
  positives: Value;
}

export function semanticTargets(anchor: Value, anchorLabels: Value, queue: LabelQueue, temperature: number): SemanticTargets {
  const positives = mul(cast(equal(unsqueeze(anchorLabels, [1]), unsqueeze(queue.labels, [0])), anchor.dtype), unsqueeze(queue.valid, [0]));
  return { similarity: cosineLogits(anchor, queue.embeddings, temperature), positives };
}

/** Mean semantic-positive loss of the anchors that have at least one positive in the queue (0 if none has). */
export function semanticPositiveLoss(anchor: Value, target: Value, s: SemanticTargets, temperature: number): Value {
  const b = anchor.staticShape![0];
  const negatives = logsumexp(sub(cosineLogits(anchor, target, temperature), mul(eye(anchor, b), MASKED)), [1], true);
  const perPair = softplus(sub(negatives, s.similarity));
  const count = reduceSum(s.positives, [1]);
  const perAnchor = div(reduceSum(mul(perPair, s.positives), [1]), maximum(count, 1));
  const has = cast(greater(count, 0), anchor.dtype);
  return div(reduceSum(mul(perAnchor, has)), maximum(reduceSum(has), 1));
}
