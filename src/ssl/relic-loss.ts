/**
 * ReLIC's loss for one (online view, target view) pair: the instance-discrimination likelihood plus the KL
 * invariance penalty between the proxy-class distributions of two augmentation pairings.
 *
 * S[i, j] = cos(online_i, target_j) / tau. The likelihood term is the cross-entropy of each row of S against the
 * diagonal (image i must pick its own target among the batch). The invariance term compares, for every image i,
 * p(. | online view of i scored against the target view) = row-softmax of S, with the same discrimination done
 * the other way round, the target view of i scored against the online views = column-softmax of S, transposed:
 * the pairings a_lk = (online view, target view) and a_qt = (target view, online view) of the method note §1.2.
 * This is the practical two-view form of the ReLIC objective (as in filipbasara0/relic's `relic_loss`, the one
 * public implementation of the loss). The reference side sits under a stop-gradient, as ReLICv2 does and the
 * note recommends, so the penalty pulls the online distribution towards the swapped one rather than both
 * towards each other. The same reading serves ReLICv2's small crops, which have no target view of their own.
 */
import type { Value } from '../engine/graph.js';
import { klDivergence } from '../engine/nn/index.js';
import { logSoftmax, mul, neg, reduceMean, reduceSum, stopGradient, transpose } from '../engine/ops/index.js';
import { cosineLogits, eye } from './similarity.js';

export interface RelicTerms {
  /** Mean negative log-likelihood of the matching target. */
  likelihood: Value;
  /** Mean KL(row-softmax || stop-gradient(column-softmax transposed)). */
  invariance: Value;
}

export function relicTerms(online: Value, target: Value, temperature: number): RelicTerms {
  const b = online.staticShape![0];
  const s = cosineLogits(online, target, temperature);
  const rows = logSoftmax(s, 1);
  const likelihood = neg(reduceMean(reduceSum(mul(eye(s, b), rows), [1])));
  const swapped = stopGradient(transpose(logSoftmax(s, 0)));
  return { likelihood, invariance: klDivergence(rows, swapped) };
}
