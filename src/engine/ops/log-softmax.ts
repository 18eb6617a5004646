import { attr, type Value } from '../graph.js';
import { exp } from './exp.js';
import { mul } from './mul.js';
import { reduceSum } from './reduce-sum.js';
import { defineOp } from './registry.js';
import { sub } from './sub.js';
import { node1, normAxis, requireFloat } from './util.js';

/** log(softmax(x)) along one axis, computed stably. */
export function logSoftmax(x: Value, axis = -1): Value {
  requireFloat('logSoftmax', x);
  return node1('logSoftmax', [x], { axis: attr.i(normAxis('logSoftmax', axis, x.rank)) }, x.dtype, x.shape);
}

defineOp({
  name: 'logSoftmax',
  onnx: 'LogSoftmax',
  // dx = g - softmax(x) * sum(g)
  grad: ({ outputs: [y], attrs, gy: [g] }) => {
    const ax = (attrs.axis as { i: number }).i;
    return [sub(g!, mul(exp(y), reduceSum(g!, [ax], true)))];
  },
});
