/**
 * SimCLR's NT-Xent loss (normalised temperature-scaled cross-entropy), the contrastive baseline: the 2B views of a
 * batch are scored against each other; each view's positive is the other view of its image, and the other 2B - 2
 * views are its negatives. Unlike `infoNCE` (view 1 against view 2 only), same-view negatives count too.
 */
import { UsageError } from '../common/errors.js';
import type { Value } from '../engine/graph.js';
import { concat, logSoftmax, mul, neg, reduceMean, reduceSum, sub } from '../engine/ops/index.js';
import { cosineLogits, eye } from './similarity.js';

/** Added to a view's similarity with itself so that it drops out of the softmax. */
const SELF_MASK = 1e9;

export function ntXent(z1: Value, z2: Value, temperature: number): Value {
  const b = z1.staticShape?.[0];
  if (b === undefined || z1.rank !== 2 || z2.staticShape?.[0] !== b) throw new UsageError('ntXent: views must be [batch, dim] with the same static batch');
  const n = 2 * b;
  const z = concat([z1, z2], 0);
  const logits = sub(cosineLogits(z, z, temperature), mul(eye(z, n), SELF_MASK));
  const positive = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++) positive[i * n + ((i + b) % n)] = 1;
  const targets = z.graph.constant(positive, z.graph.floatType, [n, n]);
  return neg(reduceMean(reduceSum(mul(targets, logSoftmax(logits, 1)), [1])));
}
