import type { Dim, Value } from '../graph.js';
import { expand } from './expand.js';
import { defineOp } from './registry.js';
import { unsqueeze } from './squeeze.js';
import { attr } from '../graph.js';
import { constInts, int64s, node1, normAxes, shapeOf } from './util.js';

export function reducedShape(x: Value, axes: readonly number[], keepdims: boolean): Dim[] {
  return keepdims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
}

/**
 * Sum over `axes` (all axes when omitted). In opset 17 ReduceSum takes its axes as an input; a Value there is
 * computed at run time (used by sumToShape) and an empty one reduces nothing.
 */
export function reduceSum(x: Value, axes?: readonly number[] | Value, keepdims = false): Value {
  if (axes !== undefined && !Array.isArray(axes)) {
    const dyn = axes as Value;
    const s = x.shape.map(() => x.graph.unknownDim());
    return node1('reduceSum', [x, dyn], { keepdims: attr.i(1), noop_with_empty_axes: attr.i(1) }, x.dtype, s);
  }
  const ax = normAxes('reduceSum', axes as readonly number[] | undefined, x.rank);
  return node1('reduceSum', [x, int64s(x.graph, ax)], { keepdims: attr.i(keepdims ? 1 : 0) }, x.dtype, reducedShape(x, ax, keepdims));
}

/** Broadcasts a reduction's gradient back over the reduced axes of x. */
export function unreduce(g: Value, x: Value, axes: readonly number[], keepdims: boolean): Value {
  return expand(keepdims ? g : unsqueeze(g, axes), shapeOf(x));
}

defineOp({
  name: 'reduceSum',
  onnx: 'ReduceSum',
  grad: ({ inputs: [x, axes], attrs, gy: [g] }) => {
    const ax = constInts(axes!);
    if (!ax) throw new Error('reduceSum: no gradient rule for axes computed at run time');
    return [unreduce(g!, x!, ax, (attrs.keepdims as { i: number }).i === 1)];
  },
});
