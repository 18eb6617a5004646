import { UsageError } from '../../common/errors.js';
import type { Value } from '../graph.js';
import { defineOp } from './registry.js';
import { broadcastShapes, node1, sumToShape, unify, type Operand } from './util.js';

/** cond ? a : b elementwise, all three broadcast together. */
export function where(cond: Value, a: Operand, b: Operand): Value {
  if (cond.dtype !== 'bool') throw new UsageError(`where: condition must be bool, got ${cond.dtype}`);
  const { graph, dtype, values } = unify('where', [a, b]);
  const s = broadcastShapes(graph, 'where', broadcastShapes(graph, 'where', cond.shape, values[0].shape), values[1].shape);
  return node1('where', [cond, values[0], values[1]], {}, dtype, s);
}

defineOp({
  name: 'where',
  onnx: 'Where',
  grad: ({ inputs: [c, a, b], gy: [g], needs }) => [
    null,
    needs[1] ? sumToShape(where(c!, g!, 0), a!) : null,
    needs[2] ? sumToShape(where(c!, 0, g!), b!) : null,
  ],
});
