import type { Value } from '../graph.js';
import { mul, reduceMean, sub } from '../ops/index.js';

/** Mean squared error over all elements. */
export function mse(prediction: Value, target: Value): Value {
  const d = sub(prediction, target);
  return reduceMean(mul(d, d));
}
