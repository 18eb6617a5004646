import type { Value } from '../graph.js';
import { defineOp } from './registry.js';
import { node1 } from './util.js';

/** A copy of x under a new name (used to expose a value as an output under another name). */
export function identity(x: Value): Value {
  return node1('identity', [x], {}, x.dtype, x.shape);
}

defineOp({ name: 'identity', onnx: 'Identity', grad: ({ gy: [g] }) => [g] });
