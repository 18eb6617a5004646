import type { Value } from '../graph.js';
import { mul } from './mul.js';
import { defineOp } from './registry.js';
import { sign } from './sign.js';
import { node1 } from './util.js';

/** |x| */
export function abs(x: Value): Value {
  return node1('abs', [x], {}, x.dtype, x.shape);
}

defineOp({ name: 'abs', onnx: 'Abs', grad: ({ inputs: [x], gy: [g] }) => [mul(g!, sign(x!))] });
