import { attr, type Value } from '../graph.js';
import { cast } from './cast.js';
import { div } from './div.js';
import { mul } from './mul.js';
import { reducedShape, unreduce } from './reduce-sum.js';
import { defineOp } from './registry.js';
import { size } from './shape.js';
import { node1, normAxes } from './util.js';

/** Mean over `axes` (all when omitted); opset 17 ReduceMean takes axes as an attribute. */
export function reduceMean(x: Value, axes?: readonly number[], keepdims = false): Value {
  const ax = normAxes('reduceMean', axes, x.rank);
  return node1('reduceMean', [x], { axes: attr.ints(ax), keepdims: attr.i(keepdims ? 1 : 0) }, x.dtype, reducedShape(x, ax, keepdims));
}

defineOp({
  name: 'reduceMean',
  onnx: 'ReduceMean',
  grad: ({ inputs: [x], outputs: [y], attrs, gy: [g] }) => {
    const ax = (attrs.axes as { ints: number[] }).ints;
    const dims = ax.map((a) => x!.shape[a]);
    const spread = unreduce(g!, x!, ax, (attrs.keepdims as { i: number }).i === 1);
    if (dims.every((d) => typeof d === 'number')) return [mul(spread, 1 / (dims as number[]).reduce((a, b) => a * b, 1))];
    return [div(spread, cast(div(size(x!), size(y)), x!.dtype))];
  },
});
