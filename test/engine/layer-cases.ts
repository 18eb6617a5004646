/** Finite-difference cases for every layer and loss in src/engine/nn (parameters are differentiated too). */
import * as nn from '../../src/engine/nn/index.js';
import * as op from '../../src/engine/ops/index.js';
import type { FdCase } from './fd.js';

const u = (...shape: number[]) => ({ shape });
const ints = (shape: number[], int: number[]) => ({ shape, int });

export const LAYER_CASES: Record<string, FdCase> = {
  Linear: { inputs: [u(3, 4)], build: (g, [x]) => new nn.Linear(g, 'fc', 4, 2).apply(x) },
  'Linear (3-D input)': { inputs: [u(2, 3, 4)], build: (g, [x]) => new nn.Linear(g, 'fc', 4, 2).apply(x) },
  MLP: { inputs: [u(3, 4)], build: (g, [x]) => new nn.MLP(g, 'mlp', [4, 5, 2], { activation: 'tanh' }).apply(x) },
  'MLP (dropout)': { inputs: [u(3, 4)], build: (g, [x]) => new nn.MLP(g, 'mlp', [4, 6, 2], { activation: 'sigmoid', dropout: 0.5 }).apply(x) },
  Dropout: { inputs: [u(3, 4)], build: (_g, [x]) => new nn.Dropout(0.25).apply(x) },
  LayerNorm: { inputs: [u(2, 3, 4)], build: (g, [x]) => new nn.LayerNorm(g, 'ln', 4).apply(x) },
  BatchNorm: { inputs: [u(5, 3)], build: (g, [x]) => new nn.BatchNorm(g, 'bn', 3).apply(x) },
  Embedding: { inputs: [ints([2, 3], [0, 4, 2, 2, 1, 4])], build: (g, [ids]) => new nn.Embedding(g, 'emb', 5, 3).apply(ids) },
  Conv2d: {
    dtype: 'float32',
    inputs: [u(2, 2, 5, 5)],
    build: (g, [x]) => new nn.Conv2d(g, 'conv', 2, 3, 3, { stride: 2, padding: 1 }).apply(x),
  },
  ConvBlock: {
    dtype: 'float32',
    inputs: [u(2, 2, 4, 4)],
    build: (g, [x]) => new nn.ConvBlock(g, 'block', 2, 3, 3, { activation: 'tanh' }).apply(x),
  },
  // tanh instead of ReLU: float32 differences (h = 3e-3) across ReLU kinks in a deep net dominate the error.
  ResNet: {
    dtype: 'float32',
    inputs: [u(2, 1, 6, 6)],
    build: (g, [x]) => new nn.ResNet(g, 'resnet', { inChannels: 1, widths: [2, 3], outputs: 2, activation: 'tanh' }).apply(x),
  },
  MultiHeadAttention: { inputs: [u(2, 3, 4)], build: (g, [x]) => new nn.MultiHeadAttention(g, 'attn', 4, 2).apply(x) },
  'MultiHeadAttention (causal)': {
    inputs: [u(2, 4, 4)],
    build: (g, [x]) => new nn.MultiHeadAttention(g, 'attn', 4, 2, { causal: true }).apply(x),
  },
  'MultiHeadAttention (cross)': {
    inputs: [u(2, 3, 4), u(2, 5, 6)],
    build: (g, [x, context]) => new nn.MultiHeadAttention(g, 'attn', 4, 2, { contextDim: 6 }).apply(x, context),
  },
  TransformerBlock: {
    dtype: 'float32',
    inputs: [u(2, 3, 4)],
    build: (g, [x]) => new nn.TransformerBlock(g, 'tb', 4, 2, { ffHidden: 6, causal: true }).apply(x),
  },
  LSTMCell: {
    inputs: [u(2, 3), u(2, 4), u(2, 4)],
    build: (g, [x, h, c]) => {
      const r = new nn.LSTMCell(g, 'lstm', 3, 4).apply(x, h, c);
      return op.concat([r.h, r.c], 1);
    },
  },
  GraphConv: {
    inputs: [u(2, 4, 3), { shape: [2, 4, 4], fixed: true, gen: 'positive' as const }],
    build: (g, [x, a]) => new nn.GraphConv(g, 'gc', 3, 2, 'tanh').apply(x, a),
  },
  crossEntropy: {
    inputs: [u(4, 3), ints([4], [0, 2, 1, 2])],
    build: (_g, [logits, y]) => nn.crossEntropy(logits, y, { labelSmoothing: 0.1 }),
  },
  maskedCrossEntropy: {
    inputs: [u(2, 3, 4), ints([2, 3], [1, 3, 0, 2, 0, 0]), { shape: [2, 3], fixed: true, gen: 'positive' as const }],
    build: (_g, [logits, y, mask]) => nn.maskedCrossEntropy(logits, y, mask),
  },
  mse: { inputs: [u(3, 2), u(3, 2)], build: (_g, [a, b]) => nn.mse(a, b) },
  infoNCE: { inputs: [u(4, 3), u(4, 3)], build: (_g, [a, b]) => nn.infoNCE(a, b, { temperature: 0.5 }) },
  klDivergence: {
    inputs: [u(3, 4), u(3, 4)],
    build: (_g, [p, q]) => nn.klDivergence(op.logSoftmax(p), op.logSoftmax(q)),
  },
};
