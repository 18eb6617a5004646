import { UsageError } from '../../common/errors.js';
import type { Value } from '../graph.js';
import { zerosLike } from './constant-of-shape.js';
import { defineOp } from './registry.js';
import { scatterND } from './scatter-nd.js';
import { node1 } from './util.js';

/** Picks slices x[idx[..., :]] where the last axis of idx (static length) indexes the leading axes of x. */
export function gatherND(x: Value, indices: Value): Value {
  const k = indices.shape[indices.rank - 1];
  if (indices.dtype !== 'int64' || typeof k !== 'number') throw new UsageError('gatherND: indices must be int64 with a static last axis');
  return node1('gatherND', [x, indices], {}, x.dtype, [...indices.shape.slice(0, -1), ...x.shape.slice(k)]);
}

defineOp({
  name: 'gatherND',
  onnx: 'GatherND',
  grad: ({ inputs: [x, idx], gy: [g] }) => [scatterND(zerosLike(x!), idx!, g!), null],
});
