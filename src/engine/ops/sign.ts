import type { Value } from '../graph.js';
import { defineOp } from './registry.js';
import { node1 } from './util.js';

/** -1, 0 or 1; piecewise constant, so autodiff treats it as a constant. */
export function sign(x: Value): Value {
  return node1('sign', [x], {}, x.dtype, x.shape);
}

defineOp({ name: 'sign', onnx: 'Sign', nonDifferentiable: true });
