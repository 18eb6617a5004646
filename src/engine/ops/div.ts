import type { Value } from '../graph.js';
import { mul } from './mul.js';
import { neg } from './neg.js';
import { defineOp } from './registry.js';
import { elementwise, sumToShape, type Operand } from './util.js';

/** a / b with numpy broadcasting (integer division truncates for int64). */
export function div(a: Operand, b: Operand): Value {
  return elementwise('div', [a, b]);
}

defineOp({
  name: 'div',
  onnx: 'Div',
  // d(a/b)/db = -y/b, using the output instead of recomputing a/b^2.
  grad: ({ inputs: [a, b], outputs: [y], gy: [g], needs }) => [
    needs[0] ? sumToShape(div(g!, b!), a!) : null,
    needs[1] ? sumToShape(neg(div(mul(g!, y), b!)), b!) : null,
  ],
});
