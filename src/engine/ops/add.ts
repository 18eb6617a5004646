import type { Value } from '../graph.js';
import { defineOp } from './registry.js';
import { elementwise, sumToShape, type Operand } from './util.js';

/** a + b with numpy broadcasting. */
export function add(a: Operand, b: Operand): Value {
  return elementwise('add', [a, b]);
}

defineOp({
  name: 'add',
  onnx: 'Add',
  grad: ({ inputs: [a, b], gy: [g], needs }) => [
    needs[0] ? sumToShape(g!, a!) : null,
    needs[1] ? sumToShape(g!, b!) : null,
  ],
});
