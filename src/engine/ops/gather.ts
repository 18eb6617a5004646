import { UsageError } from '../../common/errors.js';
import { attr, type Value } from '../graph.js';
import { zerosLike } from './constant-of-shape.js';
import { defineOp } from './registry.js';
import { scatterND } from './scatter-nd.js';
import { unsqueeze } from './squeeze.js';
import { transpose } from './transpose.js';
import { node1, normAxis } from './util.js';

/** Picks slices of x along `axis` by int64 indices (rows of an embedding table with axis 0). */
export function gather(x: Value, indices: Value, axis = 0): Value {
  if (indices.dtype !== 'int64') throw new UsageError(`gather: indices must be int64, got ${indices.dtype}`);
  const ax = normAxis('gather', axis, x.rank);
  const out = [...x.shape.slice(0, ax), ...indices.shape, ...x.shape.slice(ax + 1)];
  return node1('gather', [x, indices], { axis: attr.i(ax) }, x.dtype, out);
}

defineOp({
  name: 'gather',
  onnx: 'Gather',
  // Scatter-add the gradient rows back (indices must be non-negative). For axis > 0 the gathered axis is moved
  // to the front first so that ScatterND addresses whole slices.
  grad: ({ inputs: [x, idx], attrs, gy: [g] }) => {
    const ax = (attrs.axis as { i: number }).i;
    const r = x!.rank;
    const ri = idx!.rank;
    const where = unsqueeze(idx!, [-1]);
    if (ax === 0) return [scatterND(zerosLike(x!), where, g!), null];
    const front = [ax, ...Array.from({ length: r }, (_, i) => i).filter((i) => i !== ax)];
    const gPerm = [
      ...Array.from({ length: ri }, (_, i) => ax + i),
      ...Array.from({ length: ax }, (_, i) => i),
      ...Array.from({ length: r - ax - 1 }, (_, i) => ax + ri + i),
    ];
    const back = new Array<number>(r);
    front.forEach((a, i) => (back[a] = i));
    const scattered = scatterND(transpose(zerosLike(x!), front), where, transpose(g!, gPerm));
    return [transpose(scattered, back), null];
  },
});
