import type { Value } from '../graph.js';
import { defineOp } from './registry.js';
import { node1 } from './util.js';

/** Indices of the non-zero elements, int64 [rank, count]. */
export function nonZero(x: Value): Value {
  return node1('nonZero', [x], {}, 'int64', [x.rank, x.graph.unknownDim()]);
}

defineOp({ name: 'nonZero', onnx: 'NonZero', nonDifferentiable: true });
