import { UsageError } from '../../common/errors.js';
import type { Value } from '../graph.js';
import { add, div, logSoftmax, maximum, mul, neg, oneHot, reduceMean, reduceSum } from '../ops/index.js';

/**
 * Mean cross-entropy of logits [batch, classes] against int64 labels [batch]. With label smoothing e the target
 * is (1 - e) one_hot + e / classes, as in PyTorch.
 */
export function crossEntropy(logits: Value, labels: Value, o: { labelSmoothing?: number } = {}): Value {
  const classes = logits.shape[logits.rank - 1];
  if (typeof classes !== 'number') throw new UsageError('crossEntropy: the class axis must have a static size');
  const e = o.labelSmoothing ?? 0;
  if (!(e >= 0 && e < 1)) throw new UsageError(`crossEntropy: label smoothing must be in [0, 1), got ${e}`);
  let target = oneHot(labels, classes, logits.dtype);
  if (e > 0) target = add(mul(target, 1 - e), e / classes);
  return neg(reduceMean(reduceSum(mul(target, logSoftmax(logits, -1)), [-1])));
}

/**
 * Cross-entropy of logits [..., classes] against int64 labels [...], averaged over the positions where the float
 * mask [...] is 1 (sequence models: padding is left out of the loss, and a batch of long captions weighs no more per
 * token than one of short ones). An all-zero mask gives 0, not NaN.
 */
export function maskedCrossEntropy(logits: Value, labels: Value, mask: Value): Value {
  const classes = logits.shape[logits.rank - 1];
  if (typeof classes !== 'number') throw new UsageError('maskedCrossEntropy: the class axis must have a static size');
  const nll = neg(reduceSum(mul(oneHot(labels, classes, logits.dtype), logSoftmax(logits, -1)), [-1]));
  return div(reduceSum(mul(nll, mask)), maximum(reduceSum(mask), 1));
}
