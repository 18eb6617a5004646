/** Squeeze and Unsqueeze (axes as an input, opset 13+); each one's gradient is the other. */
import { UsageError } from '../../common/errors.js';
import type { Dim, Value } from '../graph.js';
import { defineOp } from './registry.js';
import { constInts, int64s, node1, normAxes } from './util.js';

/** Removes the given size-1 axes. */
export function squeeze(x: Value, axes: readonly number[]): Value {
  const ax = normAxes('squeeze', axes, x.rank);
  for (const a of ax) {
    if (typeof x.shape[a] === 'number' && x.shape[a] !== 1) throw new UsageError(`squeeze: axis ${a} of '${x.name}' has size ${x.shape[a]}`);
  }
  const s = x.shape.filter((_, i) => !ax.includes(i));
  return node1('squeeze', [x, int64s(x.graph, ax)], {}, x.dtype, s);
}

/** Inserts size-1 axes at the given positions of the output. */
export function unsqueeze(x: Value, axes: readonly number[]): Value {
  const rank = x.rank + axes.length;
  const ax = normAxes('unsqueeze', axes, rank);
  const s: Dim[] = [];
  let j = 0;
  for (let i = 0; i < rank; i++) s.push(ax.includes(i) ? 1 : x.shape[j++]);
  return node1('unsqueeze', [x, int64s(x.graph, ax)], {}, x.dtype, s);
}

defineOp({ name: 'squeeze', onnx: 'Squeeze', grad: ({ inputs: [, axes], gy: [g] }) => [unsqueeze(g!, constInts(axes!)!)] });
defineOp({ name: 'unsqueeze', onnx: 'Unsqueeze', grad: ({ inputs: [, axes], gy: [g] }) => [squeeze(g!, constInts(axes!)!)] });
