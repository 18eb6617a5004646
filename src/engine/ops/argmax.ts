import { attr, type Value } from '../graph.js';
import { reducedShape } from './reduce-sum.js';
import { defineOp } from './registry.js';
import { node1, normAxis } from './util.js';

/** Index of the maximum along `axis` (int64; the first one at ties). */
export function argmax(x: Value, axis = -1, keepdims = false): Value {
  const ax = normAxis('argmax', axis, x.rank);
  return node1('argmax', [x], { axis: attr.i(ax), keepdims: attr.i(keepdims ? 1 : 0) }, 'int64', reducedShape(x, [ax], keepdims));
}

defineOp({ name: 'argmax', onnx: 'ArgMax', nonDifferentiable: true });
