import type { Value } from '../graph.js';
import { equal } from './compare.js';
import { defineOp } from './registry.js';
import { elementwise, sumToShape, type Operand } from './util.js';
import { where } from './where.js';

/** Elementwise minimum with broadcasting; at ties the gradient goes to a. */
export function minimum(a: Operand, b: Operand): Value {
  return elementwise('minimum', [a, b]);
}

defineOp({
  name: 'minimum',
  onnx: 'Min',
  grad: ({ inputs: [a, b], outputs: [y], gy: [g], needs }) => {
    const fromA = equal(a!, y);
    return [needs[0] ? sumToShape(where(fromA, g!, 0), a!) : null, needs[1] ? sumToShape(where(fromA, 0, g!), b!) : null];
  },
});
