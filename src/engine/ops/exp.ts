import type { Value } from '../graph.js';
import { mul } from './mul.js';
import { defineOp } from './registry.js';
import { unaryFloat } from './util.js';

/** e^x */
export function exp(x: Value): Value {
  return unaryFloat('exp', x);
}

defineOp({ name: 'exp', onnx: 'Exp', grad: ({ outputs: [y], gy: [g] }) => [mul(g!, y)] });
