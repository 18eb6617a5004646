import { UsageError } from '../../common/errors.js';
import { attr, type Dim, type Value } from '../graph.js';
import { conv2d, convWeightGrad, pads4, pair, type Conv2dOptions, type Pair } from './conv2d.js';
import { reduceSum } from './reduce-sum.js';
import { defineOp } from './registry.js';
import { node1 } from './util.js';

export interface ConvTranspose2dOptions extends Omit<Conv2dOptions, 'groups'> {
  /** Extra rows/columns at the end of the output (each < stride). */
  outputPadding?: Pair;
}

/** Transposed 2-D convolution (NCHW); w is [in_channels, out_channels, kh, kw]; b is [out_channels]. */
export function convTranspose2d(x: Value, w: Value, b: Value | null = null, o: ConvTranspose2dOptions = {}): Value {
  if (x.rank !== 4) throw new UsageError(`convTranspose2d: input must be NCHW, got rank ${x.rank}`);
  const kh = w.shape[2];
  const kw = w.shape[3];
  if (w.rank !== 4 || typeof kh !== 'number' || typeof kw !== 'number') throw new UsageError('convTranspose2d: weight must be 4-D with a static kernel size');
  const s = pair(o.stride, 1);
  const d = pair(o.dilation, 1);
  const p = pads4(o.padding);
  const op = pair(o.outputPadding, 0);
  if (op[0] >= s[0] || op[1] >= s[1]) throw new UsageError('convTranspose2d: output padding must be smaller than the stride');
  const size = (n: Dim, i: number, k: number): Dim =>
    typeof n === 'number' ? s[i] * (n - 1) + op[i] + d[i] * (k - 1) + 1 - p[i] - p[i + 2] : x.graph.unknownDim();
  const attrs = {
    dilations: attr.ints(d),
    kernel_shape: attr.ints([kh, kw]),
    output_padding: attr.ints(op),
    pads: attr.ints(p),
    strides: attr.ints(s),
  };
  return node1('convTranspose2d', b ? [x, w, b] : [x, w], attrs, x.dtype, [x.shape[0], w.shape[1], size(x.shape[2], 0, kh), size(x.shape[3], 1, kw)]);
}

defineOp({
  name: 'convTranspose2d',
  onnx: 'ConvTranspose',
  // The input gradient is the matching forward convolution; the weight gradient is convWeightGrad with the
  // roles of input and output gradient swapped (the transposed convolution is the adjoint of a convolution).
  grad: ({ inputs: [x, w, b], attrs, gy: [g], needs }) => {
    const s = (attrs.strides as { ints: [number, number] }).ints;
    const d = (attrs.dilations as { ints: [number, number] }).ints;
    const p = (attrs.pads as { ints: number[] }).ints;
    const k = (attrs.kernel_shape as { ints: [number, number] }).ints;
    const dx = needs[0] ? conv2d(g!, w!, null, { stride: s, dilation: d, padding: p as [number, number, number, number] }) : null;
    const dw = needs[1] ? convWeightGrad(g!, x!, k, s, p, d) : null;
    const db = b && needs[2] ? reduceSum(g!, [0, 2, 3]) : null;
    return [dx, dw, db];
  },
});
