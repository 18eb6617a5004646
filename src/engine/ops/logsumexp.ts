import { attr, type Value } from '../graph.js';
import { exp } from './exp.js';
import { mul } from './mul.js';
import { reducedShape, unreduce } from './reduce-sum.js';
import { defineOp } from './registry.js';
import { unsqueeze } from './squeeze.js';
import { sub } from './sub.js';
import { node1, normAxes, requireFloat } from './util.js';

/** log(sum(exp(x))) over `axes`, computed stably by ONNX Runtime (ReduceLogSumExp). */
export function logsumexp(x: Value, axes?: readonly number[], keepdims = false): Value {
  requireFloat('logsumexp', x);
  const ax = normAxes('logsumexp', axes, x.rank);
  return node1('logsumexp', [x], { axes: attr.ints(ax), keepdims: attr.i(keepdims ? 1 : 0) }, x.dtype, reducedShape(x, ax, keepdims));
}

defineOp({
  name: 'logsumexp',
  onnx: 'ReduceLogSumExp',
  // d/dx = softmax(x) over the axes = exp(x - y).
  grad: ({ inputs: [x], outputs: [y], attrs, gy: [g] }) => {
    const ax = (attrs.axes as { ints: number[] }).ints;
    const keep = (attrs.keepdims as { i: number }).i === 1;
    const yk = keep ? y : unsqueeze(y, ax);
    return [mul(exp(sub(x!, yk)), unreduce(g!, x!, ax, keep))];
  },
});
