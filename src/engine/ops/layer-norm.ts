import type { Value } from '../graph.js';
import { add } from './add.js';
import { div } from './div.js';
import { mul } from './mul.js';
import { reduceMean } from './reduce-mean.js';
import { defineComposite } from './registry.js';
import { sqrt } from './sqrt.js';
import { sub } from './sub.js';
import { requireFloat } from './util.js';

/**
 * Layer normalisation over the trailing axes from `axis` on, with optional scale and bias broadcast over those
 * axes. Composite: ONNX LayerNormalization returns its statistics in float32 only, which would spoil float64.
 */
export function layerNorm(x: Value, scale: Value | null, bias: Value | null, axis = -1, eps = 1e-5): Value {
  requireFloat('layerNorm', x);
  const first = axis < 0 ? axis + x.rank : axis;
  const axes = Array.from({ length: x.rank - first }, (_, i) => first + i);
  const centred = sub(x, reduceMean(x, axes, true));
  const variance = reduceMean(mul(centred, centred), axes, true);
  let y = div(centred, sqrt(add(variance, eps)));
  if (scale) y = mul(y, scale);
  if (bias) y = add(y, bias);
  return y;
}

defineComposite('layerNorm');
