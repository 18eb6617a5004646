import type { Value } from '../graph.js';
import { defineOp } from './registry.js';
import { elementwise, sumToShape, type Operand } from './util.js';

/** a * b with numpy broadcasting. */
export function mul(a: Operand, b: Operand): Value {
  return elementwise('mul', [a, b]);
}

defineOp({
  name: 'mul',
  onnx: 'Mul',
  grad: ({ inputs: [a, b], gy: [g], needs }) => [
    needs[0] ? sumToShape(mul(g!, b!), a!) : null,
    needs[1] ? sumToShape(mul(g!, a!), b!) : null,
  ],
});
