import type { Value } from '../graph.js';
import { div } from './div.js';
import { mul } from './mul.js';
import { defineOp } from './registry.js';
import { unaryFloat } from './util.js';

/** Square root. */
export function sqrt(x: Value): Value {
  return unaryFloat('sqrt', x);
}

defineOp({ name: 'sqrt', onnx: 'Sqrt', grad: ({ outputs: [y], gy: [g] }) => [div(g!, mul(y, 2))] });
