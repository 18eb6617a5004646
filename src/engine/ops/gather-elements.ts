import { UsageError } from '../../common/errors.js';
import { attr, type Value } from '../graph.js';
import { zerosLike } from './constant-of-shape.js';
import { defineOp } from './registry.js';
import { scatterElements } from './scatter-elements.js';
import { node1, normAxis } from './util.js';

/** out[i][j] = x[idx[i][j]][j] (axis 0) and so on: picks single elements along `axis`. */
export function gatherElements(x: Value, indices: Value, axis: number): Value {
  if (indices.dtype !== 'int64') throw new UsageError(`gatherElements: indices must be int64, got ${indices.dtype}`);
  const ax = normAxis('gatherElements', axis, x.rank);
  return node1('gatherElements', [x, indices], { axis: attr.i(ax) }, x.dtype, indices.shape);
}

defineOp({
  name: 'gatherElements',
  onnx: 'GatherElements',
  grad: ({ inputs: [x, idx], attrs, gy: [g] }) => [scatterElements(zerosLike(x!), idx!, g!, (attrs.axis as { i: number }).i), null],
});
