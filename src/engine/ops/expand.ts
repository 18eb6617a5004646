import type { Value } from '../graph.js';
import { defineOp } from './registry.js';
import { broadcastShapes, int64s, node1, shapeFromValue, sumToShape } from './util.js';

/** Broadcasts x to `target` (numbers or a 1-D int64 value), numpy style. */
export function expand(x: Value, target: readonly number[] | Value): Value {
  const t = Array.isArray(target) ? int64s(x.graph, target as number[]) : (target as Value);
  return node1('expand', [x, t], {}, x.dtype, broadcastShapes(x.graph, 'expand', x.shape, shapeFromValue(t)));
}

defineOp({ name: 'expand', onnx: 'Expand', grad: ({ inputs: [x], gy: [g] }) => [sumToShape(g!, x!)] });
