import type { Value } from '../engine/graph.js';
import { l2Normalize } from '../engine/nn/index.js';
import { div, matmul, transpose } from '../engine/ops/index.js';

/** Cosine similarities of every row of a [n, d] with every row of b [m, d], divided by the temperature: [n, m]. */
export function cosineLogits(a: Value, b: Value, temperature: number): Value {
  return div(matmul(l2Normalize(a), transpose(l2Normalize(b))), temperature);
}

/** The n x n identity as a constant of the graph's float type (targets and masks over a static batch). */
export function eye(a: Value, n: number): Value {
  const data = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  return a.graph.constant(data, a.graph.floatType, [n, n]);
}
