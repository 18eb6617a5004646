import type { Value } from '../graph.js';
import { div } from './div.js';
import { defineOp } from './registry.js';
import { unaryFloat } from './util.js';

/** Natural logarithm. */
export function log(x: Value): Value {
  return unaryFloat('log', x);
}

defineOp({ name: 'log', onnx: 'Log', grad: ({ inputs: [x], gy: [g] }) => [div(g!, x!)] });
