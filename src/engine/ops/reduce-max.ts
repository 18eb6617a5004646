import { attr, type Value } from '../graph.js';
import { cast } from './cast.js';
import { equal } from './compare.js';
import { div } from './div.js';
import { mul } from './mul.js';
import { reduceSum, reducedShape, unreduce } from './reduce-sum.js';
import { defineOp } from './registry.js';
import { unsqueeze } from './squeeze.js';
import { node1, normAxes } from './util.js';

/** Maximum over `axes` (all when omitted). */
export function reduceMax(x: Value, axes?: readonly number[], keepdims = false): Value {
  const ax = normAxes('reduceMax', axes, x.rank);
  return node1('reduceMax', [x], { axes: attr.ints(ax), keepdims: attr.i(keepdims ? 1 : 0) }, x.dtype, reducedShape(x, ax, keepdims));
}

defineOp({
  name: 'reduceMax',
  onnx: 'ReduceMax',
  // The gradient is split evenly between tied maxima.
  grad: ({ inputs: [x], outputs: [y], attrs, gy: [g] }) => {
    const ax = (attrs.axes as { ints: number[] }).ints;
    const keep = (attrs.keepdims as { i: number }).i === 1;
    const yk = keep ? y : unsqueeze(y, ax);
    const mask = cast(equal(x!, yk), x!.dtype);
    const share = div(mask, reduceSum(mask, ax, true));
    return [mul(share, unreduce(g!, x!, ax, keep))];
  },
});
