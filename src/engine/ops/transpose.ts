import { UsageError } from '../../common/errors.js';
import { attr, type Value } from '../graph.js';
import { defineOp } from './registry.js';
import { node1 } from './util.js';

/** Permutes axes (reverses them when perm is omitted). */
export function transpose(x: Value, perm?: readonly number[]): Value {
  const p = perm ? [...perm] : Array.from({ length: x.rank }, (_, i) => x.rank - 1 - i);
  const sorted = [...p].sort((a, b) => a - b);
  if (p.length !== x.rank || sorted.some((a, i) => a !== i)) throw new UsageError(`transpose: [${p.join(', ')}] is not a permutation of rank ${x.rank}`);
  return node1('transpose', [x], { perm: attr.ints(p) }, x.dtype, p.map((a) => x.shape[a]));
}

/** Swaps the last two axes. */
export function transposeLast2(x: Value): Value {
  const p = Array.from({ length: x.rank }, (_, i) => i);
  [p[x.rank - 2], p[x.rank - 1]] = [p[x.rank - 1], p[x.rank - 2]];
  return transpose(x, p);
}

defineOp({
  name: 'transpose',
  onnx: 'Transpose',
  grad: ({ attrs, gy: [g] }) => {
    const p = (attrs.perm as { ints: number[] }).ints;
    const inv = new Array<number>(p.length);
    p.forEach((a, i) => (inv[a] = i));
    return [transpose(g!, inv)];
  },
});
