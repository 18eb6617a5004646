import { UsageError } from '../../common/errors.js';
import type { Value } from '../graph.js';
import { add, cast, div, equal, gather, logSoftmax, matmul, mul, neg, range, reduceMean, reduceSum, shape, sqrt, transpose, unsqueeze } from '../ops/index.js';

/** Rows scaled to unit L2 norm. */
export function l2Normalize(x: Value, eps = 1e-12): Value {
  return div(x, sqrt(add(reduceSum(mul(x, x), [-1], true), eps)));
}

/**
 * InfoNCE for paired embeddings a[i] <-> b[i] ([batch, dim]): cross-entropy of the cosine-similarity matrix /
 * temperature with the diagonal as targets, averaged over both directions (a->b and b->a) when symmetric.
 */
export function infoNCE(a: Value, b: Value, o: { temperature?: number; symmetric?: boolean } = {}): Value {
  if (a.rank !== 2 || b.rank !== 2) throw new UsageError('infoNCE: embeddings must be [batch, dim]');
  const g = a.graph;
  const logits = div(matmul(l2Normalize(a), transpose(l2Normalize(b))), o.temperature ?? 0.1);
  const idx = range(g.scalar(0, 'int64'), gather(shape(a), g.scalar(0, 'int64'), 0), g.scalar(1, 'int64'));
  const eye = cast(equal(unsqueeze(idx, [1]), unsqueeze(idx, [0])), a.dtype);
  const direction = (l: Value, axis: number): Value => neg(reduceMean(reduceSum(mul(eye, logSoftmax(l, axis)), [axis])));
  const ab = direction(logits, 1);
  return o.symmetric === false ? ab : mul(add(ab, direction(logits, 0)), 0.5);
}
