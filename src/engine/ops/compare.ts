/** Comparisons and logical not: boolean outputs, so constants to autodiff. */
import type { Value } from '../graph.js';
import { defineOp } from './registry.js';
import { elementwise, node1, type Operand } from './util.js';

export function greater(a: Operand, b: Operand): Value {
  return elementwise('greater', [a, b], 'bool');
}

export function less(a: Operand, b: Operand): Value {
  return elementwise('less', [a, b], 'bool');
}

export function equal(a: Operand, b: Operand): Value {
  return elementwise('equal', [a, b], 'bool');
}

export function not(x: Value): Value {
  return node1('not', [x], {}, 'bool', x.shape);
}

defineOp({ name: 'greater', onnx: 'Greater', nonDifferentiable: true });
defineOp({ name: 'less', onnx: 'Less', nonDifferentiable: true });
defineOp({ name: 'equal', onnx: 'Equal', nonDifferentiable: true });
defineOp({ name: 'not', onnx: 'Not', nonDifferentiable: true });
