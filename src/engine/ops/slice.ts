import { UsageError } from '../../common/errors.js';
import type { Dim, Value } from '../graph.js';
import { pad } from './pad.js';
import { defineOp } from './registry.js';
import { constInts, int64s, node1, normAxis } from './util.js';

const BIG = 2 ** 62;

function clampIndex(i: number, d: number, step: number): number {
  const j = i < 0 ? i + d : i;
  return step > 0 ? Math.min(Math.max(j, 0), d) : Math.min(Math.max(j, -1), d - 1);
}

/** numpy-style x[starts:ends:steps] on the given axes (all leading axes when omitted). */
export function slice(x: Value, starts: readonly number[], ends: readonly number[], axes?: readonly number[], steps?: readonly number[]): Value {
  const ax = (axes ?? starts.map((_, i) => i)).map((a) => normAxis('slice', a, x.rank));
  const st = steps ?? starts.map(() => 1);
  if (starts.length !== ends.length || ax.length !== starts.length || st.length !== starts.length) {
    throw new UsageError('slice: starts, ends, axes and steps must have equal lengths');
  }
  if (st.some((s) => s === 0)) throw new UsageError('slice: a step cannot be 0');
  const out: Dim[] = [...x.shape];
  ax.forEach((a, i) => {
    const d = x.shape[a];
    if (typeof d === 'number') {
      const s = clampIndex(starts[i], d, st[i]);
      const e = clampIndex(ends[i], d, st[i]);
      out[a] = Math.max(0, Math.ceil((e - s) / st[i]));
    } else if (!(starts[i] === 0 && ends[i] >= BIG && st[i] === 1)) {
      out[a] = x.graph.unknownDim();
    }
  });
  const g = x.graph;
  return node1('slice', [x, int64s(g, starts), int64s(g, ends.map((e) => Math.min(e, BIG))), int64s(g, ax), int64s(g, st)], {}, x.dtype, out);
}

defineOp({
  name: 'slice',
  onnx: 'Slice',
  // The gradient pads the slice back with zeros, so it needs unit steps and static sizes on the sliced axes.
  grad: ({ inputs: [x, starts, ends, axes, steps], gy: [g] }) => {
    const [s, e, a, st] = [starts, ends, axes, steps].map((v) => constInts(v!)!);
    const pads = new Array<number>(2 * x!.rank).fill(0);
    a.forEach((axis, i) => {
      const d = x!.shape[axis];
      if (st[i] !== 1) throw new UsageError('slice: no gradient rule for steps other than 1');
      if (typeof d !== 'number') throw new UsageError(`slice: the gradient needs a static size on axis ${axis}`);
      const b = clampIndex(s[i], d, 1);
      pads[axis] = b;
      pads[x!.rank + axis] = d - Math.max(b, clampIndex(e[i], d, 1));
    });
    return [pad(g!, pads)];
  },
});
