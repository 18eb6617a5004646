import type { Value } from '../graph.js';
import { add } from './add.js';
import { erf } from './erf.js';
import { mul } from './mul.js';
import { defineComposite } from './registry.js';
import { requireFloat } from './util.js';

/** GELU, exact erf form: x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)). Differentiated through its expansion. */
export function gelu(x: Value): Value {
  requireFloat('gelu', x);
  return mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1));
}

defineComposite('gelu');
