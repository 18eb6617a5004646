/**
 * One finite-difference case per differentiable op, keyed by the op's registered name. registry.test.ts checks
 * that these keys are exactly the differentiable ops; ops.fd.test.ts runs them.
 */
import * as op from '../../src/engine/ops/index.js';
import type { FdCase } from './fd.js';
import { avgPool2dRef, conv2dRef, convTranspose2dRef, erfRef } from './reference.js';

const u = (...shape: number[]) => ({ shape });
const pos = (...shape: number[]) => ({ shape, gen: 'positive' as const });
const away = (...shape: number[]) => ({ shape, gen: 'away' as const });
const spread = (...shape: number[]) => ({ shape, gen: 'spread' as const });
const ints = (shape: number[], int: number[]) => ({ shape, int });

export const OP_CASES: Record<string, FdCase> = {
  add: { inputs: [u(2, 3), u(3)], build: (_g, [a, b]) => op.add(a, b) },
  sub: { inputs: [u(2, 1, 3), u(4, 1)], build: (_g, [a, b]) => op.sub(a, b) },
  mul: { inputs: [u(2, 3), u(2, 1)], build: (_g, [a, b]) => op.mul(a, b) },
  div: { inputs: [u(2, 3), pos(3)], build: (_g, [a, b]) => op.div(a, b) },
  pow: { inputs: [pos(2, 3), u(2, 3)], build: (_g, [a, b]) => op.pow(a, b) },
  neg: { inputs: [u(2, 3)], build: (_g, [a]) => op.neg(a) },
  exp: { inputs: [u(2, 3)], build: (_g, [a]) => op.exp(a) },
  log: { inputs: [pos(2, 3)], build: (_g, [a]) => op.log(a) },
  sqrt: { inputs: [pos(2, 3)], build: (_g, [a]) => op.sqrt(a) },
  abs: { inputs: [away(2, 3)], build: (_g, [a]) => op.abs(a) },
  relu: { inputs: [away(2, 3)], build: (_g, [a]) => op.relu(a) },
  sigmoid: { inputs: [u(2, 3)], build: (_g, [a]) => op.sigmoid(a) },
  tanh: { inputs: [u(2, 3)], build: (_g, [a]) => op.tanh(a) },
  softplus: { inputs: [away(3, 4)], build: (_g, [a]) => op.softplus(op.mul(a, 5)) },
  erf: {
    dtype: 'float32',
    inputs: [u(2, 3)],
    build: (_g, [a]) => op.erf(a),
    reference: ([a]) => a.map(erfRef),
  },
  gelu: {
    dtype: 'float32',
    inputs: [u(2, 3)],
    build: (_g, [a]) => op.gelu(op.mul(a, 2)),
    reference: ([a]) => a.map((x) => x * (1 + erfRef((2 * x) / Math.SQRT2))),
  },
  minimum: { inputs: [spread(2, 3), spread(3)], build: (_g, [a, b]) => op.minimum(a, b) },
  maximum: { inputs: [spread(2, 3), spread(2, 1)], build: (_g, [a, b]) => op.maximum(a, b) },
  where: { inputs: [{ shape: [2, 3], fixed: true }, u(2, 3), u(3)], build: (_g, [c, a, b]) => op.where(op.greater(c, 0), a, b) },
  reduceSum: { inputs: [u(2, 3, 4)], build: (_g, [a]) => op.reduceSum(a, [0, 2]) },
  reduceMean: { inputs: [u(2, 3, 4)], build: (_g, [a]) => op.reduceMean(a, [1], true) },
  reduceMax: { inputs: [spread(2, 3, 4)], build: (_g, [a]) => op.reduceMax(a, [-1]) },
  logsumexp: { inputs: [u(2, 3, 4)], build: (_g, [a]) => op.logsumexp(a, [1, 2]) },
  matmul: { inputs: [u(2, 3, 4), u(4, 5)], build: (_g, [a, b]) => op.matmul(a, b) },
  gemm: {
    inputs: [u(4, 3), u(5, 4), u(5)],
    build: (_g, [a, b, c]) => op.gemm(a, b, c, { alpha: 0.7, beta: 1.3, transA: true, transB: true }),
  },
  transpose: { inputs: [u(2, 3, 4)], build: (_g, [a]) => op.transpose(a, [2, 0, 1]) },
  reshape: { inputs: [u(2, 3, 4)], build: (_g, [a]) => op.reshape(a, [0, -1]) },
  squeeze: { inputs: [u(2, 1, 3)], build: (_g, [a]) => op.squeeze(a, [1]) },
  unsqueeze: { inputs: [u(2, 3)], build: (_g, [a]) => op.unsqueeze(a, [0, 3]) },
  concat: { inputs: [u(2, 3), u(2, 2)], build: (_g, [a, b]) => op.concat([a, b], 1) },
  split: {
    inputs: [u(2, 5)],
    // Only the first and last pieces are used, so the middle one's gradient is a zero fill.
    build: (_g, [a]) => {
      const [p, , r] = op.split(a, [2, 1, 2], 1);
      return op.add(p, op.mul(r, 2));
    },
  },
  slice: { inputs: [u(4, 5)], build: (_g, [a]) => op.slice(a, [1, -4], [3, 4], [0, 1]) },
  pad: { inputs: [u(2, 3)], build: (_g, [a]) => op.pad(a, [1, 0, 0, 2], 0.5) },
  gather: { inputs: [u(4, 3), ints([2, 2], [3, 0, 3, 1])], build: (_g, [a, i]) => op.gather(a, i, 0) },
  gatherElements: {
    inputs: [u(3, 4), ints([3, 2], [0, 3, 1, 1, 2, 0])],
    build: (_g, [a, i]) => op.gatherElements(a, i, 1),
  },
  scatterElements: {
    inputs: [u(2, 3), ints([2, 2], [0, 2, 1, 1]), u(2, 2)],
    build: (_g, [a, i, v]) => op.scatterElements(a, i, v, 1),
  },
  expand: { inputs: [u(3, 1)], build: (_g, [a]) => op.expand(a, [2, 3, 4]) },
  cast: { dtype: 'float32', inputs: [u(2, 3)], build: (_g, [a]) => op.cast(op.mul(op.cast(a, 'float64'), 3), 'float32') },
  identity: { inputs: [u(2, 3)], build: (_g, [a]) => op.identity(a) },
  softmax: { inputs: [u(2, 3, 4)], build: (_g, [a]) => op.softmax(a, 1) },
  logSoftmax: { inputs: [u(2, 5)], build: (_g, [a]) => op.logSoftmax(a, -1) },
  clip: { inputs: [spread(3, 4)], build: (_g, [a]) => op.clip(a, -0.51, 0.52) },
  layerNorm: { inputs: [u(2, 3, 4), u(4), u(4)], build: (_g, [x, s, b]) => op.layerNorm(x, s, b, -1) },
  batchNorm: {
    inputs: [u(4, 3, 2, 2), u(3), u(3), { shape: [3], fixed: true }, { shape: [3], gen: 'positive', fixed: true }],
    // Running statistics go through stopGradient; batchnorm.test.ts checks their values.
    build: (_g, [x, s, b, m, v]) => op.batchNorm(x, s, b, m, v, { training: true }).y,
  },
  dropout: { inputs: [u(4, 5), ints([], [12345])], build: (_g, [x, s]) => op.dropout(x, 0.3, s) },
  maxPool2d: { inputs: [spread(2, 2, 5, 5)], build: (_g, [x]) => op.maxPool2d(x, 2, { stride: 2, padding: [0, 0, 1, 1] }) },
  conv2d: {
    dtype: 'float32',
    inputs: [u(2, 3, 6, 5), u(4, 3, 3, 2), u(4)],
    build: (_g, [x, w, b]) => op.conv2d(x, w, b, { stride: [2, 1], padding: [1, 0, 1, 1], dilation: [1, 2] }),
    reference: ([x, w, b]) =>
      conv2dRef(x, [2, 3, 6, 5], w, [4, 3, 3, 2], b, { stride: [2, 1], pads: [1, 0, 1, 1], dilation: [1, 2] }).y,
  },
  convTranspose2d: {
    dtype: 'float32',
    inputs: [u(2, 3, 3, 4), u(3, 2, 3, 2), u(2)],
    build: (_g, [x, w, b]) => op.convTranspose2d(x, w, b, { stride: 2, padding: [1, 0, 0, 1], outputPadding: [1, 0] }),
    reference: ([x, w, b]) =>
      convTranspose2dRef(x, [2, 3, 3, 4], w, [3, 2, 3, 2], b, {
        stride: [2, 2],
        pads: [1, 0, 0, 1],
        dilation: [1, 1],
        outputPadding: [1, 0],
      }),
  },
  avgPool2d: {
    dtype: 'float32',
    inputs: [u(2, 2, 5, 6)],
    build: (_g, [x]) => op.avgPool2d(x, [2, 3], { stride: [2, 2], padding: [1, 1, 0, 1] }),
    reference: ([x]) => avgPool2dRef(x, [2, 2, 5, 6], [2, 3], [2, 2], [1, 1, 0, 1]),
  },
};
