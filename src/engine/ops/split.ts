import { UsageError } from '../../common/errors.js';
import { attr, type Dim, type Value } from '../graph.js';
import { concat } from './concat.js';
import { zerosLike } from './constant-of-shape.js';
import { defineOp } from './registry.js';
import { int64s, normAxis } from './util.js';

/** Splits x along `axis` into pieces of the given sizes (numbers, or a 1-D int64 value computed in the graph). */
export function split(x: Value, sizes: readonly number[] | Value, axis: number): Value[] {
  const ax = normAxis('split', axis, x.rank);
  const g = x.graph;
  let sizeValue: Value;
  let dims: Dim[];
  if (Array.isArray(sizes)) {
    const nums = sizes as readonly number[];
    const total = nums.reduce((a, b) => a + b, 0);
    if (typeof x.shape[ax] === 'number' && x.shape[ax] !== total) {
      throw new UsageError(`split: sizes [${nums.join(', ')}] do not add up to ${x.shape[ax]}`);
    }
    sizeValue = int64s(g, nums);
    dims = [...nums];
  } else {
    sizeValue = sizes as Value;
    const n = sizeValue.shape[0];
    if (typeof n !== 'number') throw new UsageError('split: the sizes tensor must have a static length');
    dims = Array.from({ length: n }, () => g.unknownDim());
  }
  const outTypes = dims.map((d) => ({ dtype: x.dtype, shape: x.shape.map((s, i) => (i === ax ? d : s)) }));
  return g.addNode('split', [x, sizeValue], { axis: attr.i(ax) }, outTypes);
}

defineOp({
  name: 'split',
  onnx: 'Split',
  grad: ({ outputs, attrs, gy }) => [concat(outputs.map((y, i) => gy[i] ?? zerosLike(y)), (attrs.axis as { i: number }).i)],
});
