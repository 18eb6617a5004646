import type { Value } from '../graph.js';
import { neg } from './neg.js';
import { defineOp } from './registry.js';
import { elementwise, sumToShape, type Operand } from './util.js';

/** a - b with numpy broadcasting. */
export function sub(a: Operand, b: Operand): Value {
  return elementwise('sub', [a, b]);
}

defineOp({
  name: 'sub',
  onnx: 'Sub',
  grad: ({ inputs: [a, b], gy: [g], needs }) => [
    needs[0] ? sumToShape(g!, a!) : null,
    needs[1] ? sumToShape(neg(g!), b!) : null,
  ],
});
