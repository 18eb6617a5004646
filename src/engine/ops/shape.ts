/** Shape and Size: int64 facts about a tensor, constants to autodiff. */
import type { Value } from '../graph.js';
import { defineOp } from './registry.js';
import { node1 } from './util.js';

/** x's shape as a 1-D int64 tensor (computed at run time). */
export function shape(x: Value): Value {
  return node1('shape', [x], {}, 'int64', [x.rank]);
}

/** x's element count as an int64 scalar. */
export function size(x: Value): Value {
  return node1('size', [x], {}, 'int64', []);
}

defineOp({ name: 'shape', onnx: 'Shape', nonDifferentiable: true });
defineOp({ name: 'size', onnx: 'Size', nonDifferentiable: true });
