import type { Value } from '../graph.js';
import { greater } from './compare.js';
import { defineOp } from './registry.js';
import { unaryFloat } from './util.js';
import { where } from './where.js';

/** max(x, 0) */
export function relu(x: Value): Value {
  return unaryFloat('relu', x);
}

// The mask comes from the output (y > 0 exactly when x > 0) so that the pre-activation has a single consumer and
// ONNX Runtime can fuse Gemm + Relu in the forward pass.
defineOp({ name: 'relu', onnx: 'Relu', grad: ({ outputs: [y], gy: [g] }) => [where(greater(y, 0), g!, 0)] });
