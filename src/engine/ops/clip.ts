import type { Value } from '../graph.js';
import { greater, less } from './compare.js';
import { defineOp } from './registry.js';
import { node1 } from './util.js';
import { where } from './where.js';

/** Clamps x to [min, max]; either bound may be omitted. The gradient is zero outside the interval. */
export function clip(x: Value, min?: number, max?: number): Value {
  const g = x.graph;
  const lo = min === undefined ? null : g.scalar(min, x.dtype);
  const hi = max === undefined ? null : g.scalar(max, x.dtype);
  return node1('clip', [x, lo, hi], {}, x.dtype, x.shape);
}

defineOp({
  name: 'clip',
  onnx: 'Clip',
  grad: ({ inputs: [x, lo, hi], gy: [g] }) => {
    let d = g!;
    if (lo) d = where(less(x!, lo), 0, d);
    if (hi) d = where(greater(x!, hi), 0, d);
    return [d, null, null];
  },
});
