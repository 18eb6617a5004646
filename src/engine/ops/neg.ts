import type { Value } from '../graph.js';
import { defineOp } from './registry.js';
import { node1 } from './util.js';

/** -x */
export function neg(x: Value): Value {
  return node1('neg', [x], {}, x.dtype, x.shape);
}

defineOp({ name: 'neg', onnx: 'Neg', grad: ({ gy: [g] }) => [neg(g!)] });
