import { UsageError } from '../../common/errors.js';
import { attr, type Dim, type Value } from '../graph.js';
import { zerosLike } from './constant-of-shape.js';
import { pads4, pair, type Pair } from './conv2d.js';
import { defineOp } from './registry.js';
import { reshape } from './reshape.js';
import { scatterElements } from './scatter-elements.js';
import { shapeOf } from './util.js';

export interface Pool2dOptions {
  stride?: Pair;
  padding?: Pair | readonly [number, number, number, number];
}

export function poolOut(d: Dim, k: number, s: number, pb: number, pe: number, g: Value['graph']): Dim {
  if (typeof d !== 'number') return g.unknownDim();
  return Math.floor((d + pb + pe - k) / s) + 1;
}

/** Max pooling over NCHW windows (stride defaults to the kernel size). */
export function maxPool2d(x: Value, kernel: Pair, o: Pool2dOptions = {}): Value {
  if (x.rank !== 4) throw new UsageError(`maxPool2d: input must be NCHW, got rank ${x.rank}`);
  const k = pair(kernel, 1);
  const s = pair(o.stride ?? k, 1);
  const p = pads4(o.padding);
  const attrs = { kernel_shape: attr.ints(k), pads: attr.ints(p), strides: attr.ints(s) };
  const out = [x.shape[0], x.shape[1], poolOut(x.shape[2], k[0], s[0], p[0], p[2], x.graph), poolOut(x.shape[3], k[1], s[1], p[1], p[3], x.graph)];
  // The second output holds each maximum's flat index into x, which the gradient scatters back to.
  const [y] = x.graph.addNode('maxPool2d', [x], attrs, [
    { dtype: x.dtype, shape: out },
    { dtype: 'int64', shape: out },
  ]);
  return y;
}

defineOp({
  name: 'maxPool2d',
  onnx: 'MaxPool',
  grad: ({ inputs: [x], outputs: [, indices], gy: [g] }) => {
    const flat = scatterElements(reshape(zerosLike(x!), [-1]), reshape(indices, [-1]), reshape(g!, [-1]), 0);
    return [reshape(flat, shapeOf(x!))];
  },
});
