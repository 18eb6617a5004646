import type { Value } from '../graph.js';
import { mul } from './mul.js';
import { defineOp } from './registry.js';
import { sub } from './sub.js';
import { unaryFloat } from './util.js';

/** 1 / (1 + e^-x) */
export function sigmoid(x: Value): Value {
  return unaryFloat('sigmoid', x);
}

defineOp({ name: 'sigmoid', onnx: 'Sigmoid', grad: ({ outputs: [y], gy: [g] }) => [mul(g!, mul(y, sub(1, y)))] });
