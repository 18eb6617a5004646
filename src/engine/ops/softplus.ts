import type { Value } from '../graph.js';
import { abs } from './abs.js';
import { add } from './add.js';
import { exp } from './exp.js';
import { log } from './log.js';
import { neg } from './neg.js';
import { defineComposite } from './registry.js';
import { relu } from './relu.js';
import { requireFloat } from './util.js';

/**
 * log(1 + e^x), written as relu(x) + log(1 + e^-|x|) so it never overflows (ONNX Runtime's Softplus kernel is
 * float32 only and overflows for large x).
 */
export function softplus(x: Value): Value {
  requireFloat('softplus', x);
  return add(relu(x), log(add(exp(neg(abs(x))), 1)));
}

defineComposite('softplus');
