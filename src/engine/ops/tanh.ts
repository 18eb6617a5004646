import type { Value } from '../graph.js';
import { mul } from './mul.js';
import { defineOp } from './registry.js';
import { sub } from './sub.js';
import { unaryFloat } from './util.js';

/** Hyperbolic tangent. */
export function tanh(x: Value): Value {
  return unaryFloat('tanh', x);
}

defineOp({ name: 'tanh', onnx: 'Tanh', grad: ({ outputs: [y], gy: [g] }) => [mul(g!, sub(1, mul(y, y)))] });
