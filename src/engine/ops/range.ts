import type { Value } from '../graph.js';
import { defineOp } from './registry.js';
import { node1 } from './util.js';

/** [start, start + delta, ...) below limit; int64 scalars in, 1-D int64 out. */
export function range(start: Value, limit: Value, delta: Value): Value {
  return node1('range', [start, limit, delta], {}, start.dtype, [start.graph.unknownDim()]);
}

defineOp({ name: 'range', onnx: 'Range', nonDifferentiable: true });
