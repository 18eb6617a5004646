import type { Value } from '../graph.js';
import { equal } from './compare.js';
import { defineOp } from './registry.js';
import { elementwise, sumToShape, type Operand } from './util.js';
import { where } from './where.js';

/** Elementwise maximum with broadcasting; at ties the gradient goes to a. */
export function maximum(a: Operand, b: Operand): Value {
  return elementwise('maximum', [a, b]);
}

defineOp({
  name: 'maximum',
  onnx: 'Max',
  grad: ({ inputs: [a, b], outputs: [y], gy: [g], needs }) => {
    const fromA = equal(a!, y);
    return [needs[0] ? sumToShape(where(fromA, g!, 0), a!) : null, needs[1] ? sumToShape(where(fromA, 0, g!), b!) : null];
  },
});
