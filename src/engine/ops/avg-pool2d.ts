import { UsageError } from '../../common/errors.js';
import { attr, type Value } from '../graph.js';
import { pads4, pair, type Pair } from './conv2d.js';
import { convTranspose2d } from './conv-transpose2d.js';
import { poolOut, type Pool2dOptions } from './max-pool2d.js';
import { defineOp } from './registry.js';
import { reshape } from './reshape.js';
import { shapeOf } from './util.js';
import { node1 } from './util.js';

/**
 * Average pooling over NCHW windows (stride defaults to the kernel size). Padded cells count in the divisor, as
 * in PyTorch's default. ONNX Runtime's CPU provider has a float32 kernel only.
 */
export function avgPool2d(x: Value, kernel: Pair, o: Pool2dOptions = {}): Value {
  if (x.rank !== 4) throw new UsageError(`avgPool2d: input must be NCHW, got rank ${x.rank}`);
  const k = pair(kernel, 1);
  const s = pair(o.stride ?? k, 1);
  const p = pads4(o.padding);
  const attrs = { count_include_pad: attr.i(1), kernel_shape: attr.ints(k), pads: attr.ints(p), strides: attr.ints(s) };
  const out = [x.shape[0], x.shape[1], poolOut(x.shape[2], k[0], s[0], p[0], p[2], x.graph), poolOut(x.shape[3], k[1], s[1], p[1], p[3], x.graph)];
  return node1('avgPool2d', [x], attrs, x.dtype, out);
}

defineOp({
  name: 'avgPool2d',
  onnx: 'AveragePool',
  // Each output spreads its gradient evenly over its window: a transposed convolution with a constant kernel,
  // applied per channel by folding channels into the batch axis.
  grad: ({ inputs: [x], attrs, gy: [g] }) => {
    const k = (attrs.kernel_shape as { ints: [number, number] }).ints;
    const s = (attrs.strides as { ints: [number, number] }).ints;
    const p = (attrs.pads as { ints: number[] }).ints;
    const [h, w, ho, wo] = [x!.shape[2], x!.shape[3], g!.shape[2], g!.shape[3]];
    if ([h, w, ho, wo].some((v) => typeof v !== 'number')) throw new UsageError('avgPool2d: the gradient needs static spatial sizes');
    const extra = [0, 1].map((i) => ([h, w] as number[])[i] - (s[i] * (([ho, wo] as number[])[i] - 1) + k[i] - p[i] - p[i + 2]));
    const kernel = x!.graph.constant(new Array(k[0] * k[1]).fill(1 / (k[0] * k[1])), x!.dtype, [1, 1, k[0], k[1]]);
    const spread = convTranspose2d(reshape(g!, [-1, 1, ho as number, wo as number]), kernel, null, {
      stride: s,
      padding: p as [number, number, number, number],
      outputPadding: extra as [number, number],
    });
    return [reshape(spread, shapeOf(x!))];
  },
});
