import type { Value } from '../graph.js';
import { log } from './log.js';
import { mul } from './mul.js';
import { defineOp } from './registry.js';
import { sub } from './sub.js';
import { elementwise, sumToShape, type Operand } from './util.js';

/** a ** b elementwise with broadcasting. */
export function pow(a: Operand, b: Operand): Value {
  return elementwise('pow', [a, b]);
}

defineOp({
  name: 'pow',
  onnx: 'Pow',
  // d/da = b a^(b-1); d/db = y log(a) (only defined for a > 0).
  grad: ({ inputs: [a, b], outputs: [y], gy: [g], needs }) => [
    needs[0] ? sumToShape(mul(g!, mul(b!, pow(a!, sub(b!, 1)))), a!) : null,
    needs[1] ? sumToShape(mul(g!, mul(y, log(a!))), b!) : null,
  ],
});
