import { attr, type Value } from '../graph.js';
import { mul } from './mul.js';
import { reduceSum } from './reduce-sum.js';
import { defineOp } from './registry.js';
import { sub } from './sub.js';
import { node1, normAxis, requireFloat } from './util.js';

/** Softmax along one axis (opset 13+ semantics). */
export function softmax(x: Value, axis = -1): Value {
  requireFloat('softmax', x);
  return node1('softmax', [x], { axis: attr.i(normAxis('softmax', axis, x.rank)) }, x.dtype, x.shape);
}

defineOp({
  name: 'softmax',
  onnx: 'Softmax',
  // dx = y * (g - sum(g * y))
  grad: ({ outputs: [y], attrs, gy: [g] }) => {
    const ax = (attrs.axis as { i: number }).i;
    return [mul(y, sub(g!, reduceSum(mul(g!, y), [ax], true)))];
  },
});
