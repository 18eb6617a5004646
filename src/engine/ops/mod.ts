import type { Value } from '../graph.js';
import { defineOp } from './registry.js';
import { elementwise, type Operand } from './util.js';

/** Integer remainder (ONNX Mod with fmod = 0, sign of the divisor); used by the dropout hash. */
export function mod(a: Operand, b: Operand): Value {
  return elementwise('mod', [a, b]);
}

defineOp({ name: 'mod', onnx: 'Mod', nonDifferentiable: true });
