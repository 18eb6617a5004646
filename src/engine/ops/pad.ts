import { UsageError } from '../../common/errors.js';
import type { Dim, Value } from '../graph.js';
import { defineOp } from './registry.js';
import { slice } from './slice.js';
import { constInts, int64s, node1 } from './util.js';

/** Constant padding: pads = [begin_0, ..., begin_{r-1}, end_0, ..., end_{r-1}], all >= 0. */
export function pad(x: Value, pads: readonly number[], value = 0): Value {
  if (pads.length !== 2 * x.rank || pads.some((p) => p < 0 || !Number.isInteger(p))) {
    throw new UsageError(`pad: needs ${2 * x.rank} non-negative integers, got [${pads.join(', ')}]`);
  }
  const out: Dim[] = x.shape.map((d, i) => {
    const extra = pads[i] + pads[x.rank + i];
    if (extra === 0) return d;
    return typeof d === 'number' ? d + extra : x.graph.unknownDim();
  });
  return node1('pad', [x, int64s(x.graph, pads), x.graph.scalar(value, x.dtype)], {}, x.dtype, out);
}

defineOp({
  name: 'pad',
  onnx: 'Pad',
  grad: ({ inputs: [x, padsValue], gy: [g] }) => {
    const p = constInts(padsValue!)!;
    const r = x!.rank;
    const axes = Array.from({ length: r }, (_, i) => i);
    return [slice(g!, axes.map((i) => p[i]), axes.map((i) => (p[r + i] > 0 ? -p[r + i] : 2 ** 62)), axes)];
  },
});
