import { UsageError } from '../../common/errors.js';
import type { Dim, Value } from '../graph.js';
import { defineOp } from './registry.js';
import { int64s, node1, shapeFromValue, shapeOf } from './util.js';

/**
 * Reshape to `target`: numbers (0 copies the input dimension, -1 is inferred) or a 1-D int64 value computed in
 * the graph, such as shape(y).
 */
export function reshape(x: Value, target: readonly number[] | Value): Value {
  const g = x.graph;
  if (!Array.isArray(target)) {
    const t = target as Value;
    return node1('reshape', [x, t], {}, x.dtype, shapeFromValue(t));
  }
  const nums = target as readonly number[];
  if (nums.filter((d) => d === -1).length > 1) throw new UsageError(`reshape: more than one -1 in [${nums.join(', ')}]`);
  const out: Dim[] = nums.map((d, i) => (d === 0 ? x.shape[i] : d));
  const inferAt = nums.indexOf(-1);
  if (inferAt >= 0) {
    const known = out.filter((_, i) => i !== inferAt);
    const xs = x.staticShape;
    if (xs && known.every((d) => typeof d === 'number')) {
      const total = xs.reduce((a, b) => a * b, 1);
      const rest = (known as number[]).reduce((a, b) => a * b, 1);
      if (rest === 0 || total % rest !== 0) throw new UsageError(`reshape: cannot reshape [${xs.join(', ')}] to [${nums.join(', ')}]`);
      out[inferAt] = total / rest;
    } else {
      out[inferAt] = g.unknownDim();
    }
  }
  return node1('reshape', [x, int64s(g, nums)], {}, x.dtype, out);
}

defineOp({ name: 'reshape', onnx: 'Reshape', grad: ({ inputs: [x], gy: [g] }) => [reshape(g!, shapeOf(x!))] });
