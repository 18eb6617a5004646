import type { Value } from '../graph.js';
import { exp } from './exp.js';
import { mul } from './mul.js';
import { neg } from './neg.js';
import { defineOp } from './registry.js';
import { unaryFloat } from './util.js';

/** The error function. ONNX Runtime's CPU provider has a float32 kernel only. */
export function erf(x: Value): Value {
  return unaryFloat('erf', x);
}

defineOp({
  name: 'erf',
  onnx: 'Erf',
  grad: ({ inputs: [x], gy: [g] }) => [mul(g!, mul(exp(neg(mul(x!, x!))), 2 / Math.sqrt(Math.PI)))],
});
