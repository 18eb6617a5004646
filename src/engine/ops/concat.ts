import { UsageError } from '../../common/errors.js';
import { attr, type Dim, type Value } from '../graph.js';
import { defineOp } from './registry.js';
import { shape } from './shape.js';
import { slice } from './slice.js';
import { split } from './split.js';
import { node1, normAxis } from './util.js';

/** Joins tensors along `axis`. */
export function concat(xs: readonly Value[], axis: number): Value {
  if (xs.length === 0) throw new UsageError('concat: needs at least one tensor');
  const rank = xs[0].rank;
  const ax = normAxis('concat', axis, rank);
  for (const x of xs) {
    if (x.rank !== rank || x.dtype !== xs[0].dtype) throw new UsageError(`concat: '${x.name}' does not match '${xs[0].name}' in rank or dtype`);
  }
  const out: Dim[] = [...xs[0].shape];
  const sizes = xs.map((x) => x.shape[ax]);
  out[ax] = sizes.every((d) => typeof d === 'number') ? (sizes as number[]).reduce((a, b) => a + b, 0) : xs[0].graph.unknownDim();
  return node1('concat', xs, { axis: attr.i(ax) }, xs[0].dtype, out);
}

defineOp({
  name: 'concat',
  onnx: 'Concat',
  grad: ({ inputs, attrs, gy: [g] }) => {
    const ax = (attrs.axis as { i: number }).i;
    const sizes = inputs.map((x) => x!.shape[ax]);
    if (sizes.every((d) => typeof d === 'number')) return split(g!, sizes as number[], ax);
    return split(g!, concat(inputs.map((x) => slice(shape(x!), [ax], [ax + 1])), 0), ax);
  },
});
