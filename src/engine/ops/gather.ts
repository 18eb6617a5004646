import { UsageError } from '../../common/errors.js';
import { attr, type Value } from '../graph.js';
import { concat } from './concat.js';
import { zerosLike } from './constant-of-shape.js';
import { expand } from './expand.js';
import { defineOp } from './registry.js';
import { reshape } from './reshape.js';
import { scatterElements } from './scatter-elements.js';
import { slice } from './slice.js';
import { transpose } from './transpose.js';
import { int64s, node1, normAxis, shapeOf } from './util.js';

/** Picks slices of x along `axis` by int64 indices (rows of an embedding table with axis 0). */
export function gather(x: Value, indices: Value, axis = 0): Value {
  if (indices.dtype !== 'int64') throw new UsageError(`gather: indices must be int64, got ${indices.dtype}`);
  const ax = normAxis('gather', axis, x.rank);
  const out = [...x.shape.slice(0, ax), ...indices.shape, ...x.shape.slice(ax + 1)];
  return node1('gather', [x, indices], { axis: attr.i(ax) }, x.dtype, out);
}

/**
 * zeros(x) with every slice g[m] added to row rows[m] of axis 0: the gradient of a gather along axis 0. The rows
 * are flattened to [M], g to [M, ...x.shape[1:]], and each row index is broadcast over its slice, so one
 * ScatterElements (reduction add) does the sum. Not ScatterND: ONNX Runtime's CPU ScatterND adds the slices on
 * several threads without synchronisation, so repeated rows (an embedding's common ids) lose updates at random
 * when intra-op threads > 1 (test/engine/gather-grad.test.ts); its ScatterElements runs one ordered loop.
 */
function addRows(x: Value, rows: Value, g: Value): Value {
  const lead = Array.from({ length: x.rank }, (_, i) => (i === 0 ? -1 : 1));
  const slices = reshape(g, concat([int64s(x.graph, [-1]), slice(shapeOf(x), [1], [x.rank])], 0));
  return scatterElements(zerosLike(x), expand(reshape(rows, lead), shapeOf(slices)), slices, 0);
}

defineOp({
  name: 'gather',
  onnx: 'Gather',
  // For axis > 0 the gathered axis is moved to the front first, so that whole slices are added back by row.
  grad: ({ inputs: [x, idx], attrs, gy: [g] }) => {
    const ax = (attrs.axis as { i: number }).i;
    const r = x!.rank;
    const ri = idx!.rank;
    if (ax === 0) return [addRows(x!, idx!, g!), null];
    const front = [ax, ...Array.from({ length: r }, (_, i) => i).filter((i) => i !== ax)];
    const gPerm = [
      ...Array.from({ length: ri }, (_, i) => ax + i),
      ...Array.from({ length: ax }, (_, i) => i),
      ...Array.from({ length: r - ax - 1 }, (_, i) => ax + ri + i),
    ];
    const back = new Array<number>(r);
    front.forEach((a, i) => (back[a] = i));
    return [transpose(addRows(transpose(x!, front), idx!, transpose(g!, gPerm)), back), null];
  },
});
