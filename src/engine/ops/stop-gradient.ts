import type { Value } from '../graph.js';
import { defineOp } from './registry.js';
import { node1 } from './util.js';

/** Identity in the forward pass; autodiff treats the result as a constant. */
export function stopGradient(x: Value): Value {
  return node1('stopGradient', [x], {}, x.dtype, x.shape);
}

defineOp({ name: 'stopGradient', onnx: 'Identity', nonDifferentiable: true });
