import { UsageError } from '../../common/errors.js';
import { attr, type Dim, type Value } from '../graph.js';
import { concat } from './concat.js';
import { convTranspose2d } from './conv-transpose2d.js';
import { gemm } from './gemm.js';
import { pad } from './pad.js';
import { reshape } from './reshape.js';
import { unsqueeze } from './squeeze.js';
import { reduceSum } from './reduce-sum.js';
import { defineOp } from './registry.js';
import { slice } from './slice.js';
import { transpose } from './transpose.js';
import { node1 } from './util.js';

export type Pair = number | readonly [number, number];

export interface Conv2dOptions {
  stride?: Pair;
  /** Symmetric [h, w] padding, or [top, left, bottom, right]. */
  padding?: Pair | readonly [number, number, number, number];
  dilation?: Pair;
  /** Gradients support groups = 1 only. */
  groups?: number;
}

export function pair(p: Pair | undefined, dflt: number): [number, number] {
  if (p === undefined) return [dflt, dflt];
  return typeof p === 'number' ? [p, p] : [p[0], p[1]];
}

export function pads4(p: Conv2dOptions['padding']): [number, number, number, number] {
  if (p === undefined) return [0, 0, 0, 0];
  if (typeof p === 'number') return [p, p, p, p];
  return p.length === 2 ? [p[0], p[1], p[0], p[1]] : [p[0], p[1], p[2], p[3]];
}

function outSize(d: Dim, k: number, s: number, pb: number, pe: number, dil: number, g: Value['graph']): Dim {
  if (typeof d !== 'number') return g.unknownDim();
  const o = Math.floor((d + pb + pe - dil * (k - 1) - 1) / s) + 1;
  if (o < 1) throw new UsageError(`conv: input size ${d} is too small for kernel ${k}`);
  return o;
}

function staticKernel(op: string, w: Value): [number, number] {
  const kh = w.shape[2];
  const kw = w.shape[3];
  if (w.rank !== 4 || typeof kh !== 'number' || typeof kw !== 'number') throw new UsageError(`${op}: weight must be 4-D with a static kernel size`);
  return [kh, kw];
}

/** 2-D convolution (NCHW); w is [out_channels, in_channels / groups, kh, kw]; b is [out_channels]. */
export function conv2d(x: Value, w: Value, b: Value | null = null, o: Conv2dOptions = {}): Value {
  if (x.rank !== 4) throw new UsageError(`conv2d: input must be NCHW, got rank ${x.rank}`);
  const [kh, kw] = staticKernel('conv2d', w);
  const s = pair(o.stride, 1);
  const d = pair(o.dilation, 1);
  const p = pads4(o.padding);
  const groups = o.groups ?? 1;
  const attrs = {
    dilations: attr.ints(d),
    group: attr.i(groups),
    kernel_shape: attr.ints([kh, kw]),
    pads: attr.ints(p),
    strides: attr.ints(s),
  };
  const out = [x.shape[0], w.shape[0], outSize(x.shape[2], kh, s[0], p[0], p[2], d[0], x.graph), outSize(x.shape[3], kw, s[1], p[1], p[3], d[1], x.graph)];
  return node1('conv2d', b ? [x, w, b] : [x, w], attrs, x.dtype, out);
}

/**
 * The gradient of a convolution's weight: for Y = conv(X, W), dW[o, i, ky, kx] = sum over n, u, v of
 * dY[n, o, u, v] * Xpad[n, i, u s + ky d, v s + kx d]. With static sizes that is, for each kernel tap, a Gemm of
 * dY laid out [O, N Ho Wo] against the tap's strided slice of the padded input [I, N Ho Wo]: the same arithmetic
 * as the forward pass, in a shape the GEMM kernel runs fast. Otherwise it falls back to a
 * convolution of X (channels as batch) with dY (batch as channels), where stride and dilation swap roles, which
 * ONNX Runtime runs several times slower. Returns [dY channels, X channels, kh, kw].
 */
export function convWeightGrad(x: Value, dy: Value, k: [number, number], s: [number, number], p: number[], d: [number, number]): Value {
  const known = (v: Value): boolean => v.shape.slice(1).every((n) => typeof n === 'number');
  if (!known(x) || !known(dy)) {
    const full = conv2d(transpose(x, [1, 0, 2, 3]), transpose(dy, [1, 0, 2, 3]), null, { stride: d, dilation: s, padding: p as [number, number, number, number] });
    return transpose(slice(full, [0, 0], k, [2, 3]), [1, 0, 2, 3]);
  }
  const inC = x.shape[1] as number;
  const [outC, ho, wo] = dy.shape.slice(1) as number[];
  let xt = transpose(x, [1, 0, 2, 3]);
  if (p.some((v) => v !== 0)) xt = pad(xt, [0, 0, p[0], p[1], 0, 0, p[2], p[3]]);
  const dyt = reshape(transpose(dy, [1, 0, 2, 3]), [outC, -1]);
  // One Gemm per kernel tap against that tap's strided slice: materialising the whole unfolded input instead
  // costs a Concat that ONNX Runtime runs slower than the products themselves.
  const taps: Value[] = [];
  for (let ky = 0; ky < k[0]; ky++) {
    for (let kx = 0; kx < k[1]; kx++) {
      const y0 = ky * d[0];
      const x0 = kx * d[1];
      const tap = reshape(slice(xt, [y0, x0], [y0 + s[0] * (ho - 1) + 1, x0 + s[1] * (wo - 1) + 1], [2, 3], s), [inC, -1]);
      taps.push(unsqueeze(gemm(dyt, tap, null, { transB: true }), [2]));
    }
  }
  return reshape(taps.length === 1 ? taps[0] : concat(taps, 2), [outC, inC, k[0], k[1]]);
}

defineOp({
  name: 'conv2d',
  onnx: 'Conv',
  grad: ({ inputs: [x, w, b], attrs, gy: [g], needs }) => {
    if ((attrs.group as { i: number }).i !== 1) throw new UsageError('conv2d: no gradient rule for groups > 1');
    const s = (attrs.strides as { ints: [number, number] }).ints;
    const d = (attrs.dilations as { ints: [number, number] }).ints;
    const p = (attrs.pads as { ints: number[] }).ints;
    const k = (attrs.kernel_shape as { ints: [number, number] }).ints;
    let dx: Value | null = null;
    if (needs[0]) {
      const [h, wd] = [x!.shape[2], x!.shape[3]];
      const [ho, wo] = [g!.shape[2], g!.shape[3]];
      if ([h, wd, ho, wo].some((v) => typeof v !== 'number')) throw new UsageError('conv2d: the input gradient needs static spatial sizes');
      // Output padding recovers the rows and columns that the strided forward pass skipped at the end.
      const extra = [0, 1].map((i) => ([h, wd] as number[])[i] - ((s[i] * (([ho, wo] as number[])[i] - 1)) + d[i] * (k[i] - 1) + 1 - p[i] - p[i + 2]));
      // At stride 1 the adjoint is a plain convolution with the kernel flipped and in/out swapped, which ONNX
      // Runtime runs faster than the equivalent ConvTranspose.
      const back = [0, 1, 0, 1].map((i, j) => d[i] * (k[i] - 1) - p[j]);
      if (s[0] === 1 && s[1] === 1 && back.every((v) => v >= 0)) {
        const flipped = slice(transpose(w!, [1, 0, 2, 3]), [-1, -1], [-(2 ** 62), -(2 ** 62)], [2, 3], [-1, -1]);
        dx = conv2d(g!, flipped, null, { dilation: d, padding: back as [number, number, number, number] });
      } else {
        dx = convTranspose2d(g!, w!, null, { stride: s, dilation: d, padding: p as [number, number, number, number], outputPadding: extra as [number, number] });
      }
    }
    const dw = needs[1] ? convWeightGrad(x!, g!, k, s, p, d) : null;
    const db = b && needs[2] ? reduceSum(g!, [0, 2, 3]) : null;
    return [dx, dw, db];
  },
});
