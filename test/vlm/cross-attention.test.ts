/** Cross-attention (engine), the decoder block and the Perceiver resampler: forward by hand, gradients by finite differences. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { Graph } from '../../src/engine/graph.js';
import { MultiHeadAttention } from '../../src/engine/nn/index.js';
import { DecoderBlock } from '../../src/vlm/decoder-block.js';
import { PerceiverResampler } from '../../src/vlm/resampler.js';
import { VisualEncoder } from '../../src/vlm/visual-encoder.js';
import { checkGradients } from '../engine/fd.js';
import { arr, f64, runGraph } from '../engine/helpers.js';

/** x [rows, n] W [n, m] + b. */
function affine(x: number[], rows: number, W: number[], b: number[], n: number, m: number): number[] {
  const out = new Array<number>(rows * m).fill(0);
  for (let r = 0; r < rows; r++) for (let j = 0; j < m; j++) {
    let s = b[j];
    for (let i = 0; i < n; i++) s += x[r * n + i] * W[i * m + j];
    out[r * m + j] = s;
  }
  return out;
}

describe('cross-attention', () => {
  it('attends from each query to every context position, per head, as softmax(q k^T / sqrt(d)) v', async () => {
    const [B, Tq, S, d, dc, heads] = [2, 3, 5, 4, 6, 2];
    const hd = d / heads;
    const g = new Graph({ floatType: 'float64' });
    const x = g.input('x', 'float64', [B, Tq, d]);
    const ctx = g.input('ctx', 'float64', [B, S, dc]);
    g.output('y', new MultiHeadAttention(g, 'attn', d, heads, { contextDim: dc }).apply(x, ctx));
    const params = g.initParams(3);
    const rng = new Rng(4);
    const xs = Array.from({ length: B * Tq * d }, () => rng.normal());
    const cs = Array.from({ length: B * S * dc }, () => rng.normal());
    const y = arr((await runGraph(g, { ...Object.fromEntries(params), x: f64([B, Tq, d], xs), ctx: f64([B, S, dc], cs) })).y);

    const p = (name: string): number[] => Array.from(params.get(name)!.data as Float64Array);
    const q = affine(xs, B * Tq, p('attn.q.weight'), p('attn.q.bias'), d, d);
    const k = affine(cs, B * S, p('attn.k.weight'), p('attn.k.bias'), dc, d);
    const v = affine(cs, B * S, p('attn.v.weight'), p('attn.v.bias'), dc, d);
    const mixed = new Array<number>(B * Tq * d).fill(0);
    for (let b = 0; b < B; b++) for (let h = 0; h < heads; h++) for (let i = 0; i < Tq; i++) {
      const scores = Array.from({ length: S }, (_, j) => {
        let s = 0;
        for (let e = 0; e < hd; e++) s += q[(b * Tq + i) * d + h * hd + e] * k[(b * S + j) * d + h * hd + e];
        return s / Math.sqrt(hd);
      });
      const max = Math.max(...scores);
      const w = scores.map((s) => Math.exp(s - max));
      const z = w.reduce((a, c) => a + c, 0);
      for (let e = 0; e < hd; e++) {
        mixed[(b * Tq + i) * d + h * hd + e] = w.reduce((a, wj, j) => a + (wj / z) * v[(b * S + j) * d + h * hd + e], 0);
      }
    }
    const want = affine(mixed, B * Tq, p('attn.out.weight'), p('attn.out.bias'), d, d);
    // ONNX Runtime's float64 softmax agrees with this one to about 1e-8
    want.forEach((w, i) => expect(y[i]).toBeCloseTo(w, 6));
  });

  it('refuses a causal mask on a context', () => {
    const g = new Graph();
    const a = new MultiHeadAttention(g, 'attn', 4, 2, { causal: true });
    expect(() => a.apply(g.input('x', 'float32', [1, 2, 4]), g.input('c', 'float32', [1, 3, 4]))).toThrow(/causal masking applies to self-attention/);
  });
});

// GELU's Erf runs in float32 only in ONNX Runtime's CPU provider: the layer criterion of test/engine (2e-3)
describe('captioner layers match finite differences', () => {
  it('cross-attention (float64)', async () => {
    const r = await checkGradients({
      inputs: [{ shape: [2, 3, 4] }, { shape: [2, 5, 6] }],
      build: (g, [x, c]) => new MultiHeadAttention(g, 'attn', 4, 2, { contextDim: 6 }).apply(x, c),
    });
    expect(r.relError).toBeLessThan(1e-6);
  });

  it('decoder block: causal self-attention, cross-attention, feed-forward', async () => {
    const r = await checkGradients({
      dtype: 'float32',
      inputs: [{ shape: [2, 3, 4] }, { shape: [2, 2, 4] }],
      build: (g, [x, c]) => new DecoderBlock(g, 'block', 4, 2, 0).apply(x, c),
    });
    expect(r.relError).toBeLessThan(2e-3);
  });

  it('Perceiver resampler', async () => {
    const r = await checkGradients({
      dtype: 'float32',
      inputs: [{ shape: [2, 3, 4] }],
      build: (g, [x]) => new PerceiverResampler(g, 'resampler', 2, 4, 2, 1, 0).apply(x),
    });
    expect(r.relError).toBeLessThan(2e-3);
  });

  it('visual encoder: projection, 2-D positions, resampler, layer norm', async () => {
    const r = await checkGradients({
      dtype: 'float32',
      inputs: [{ shape: [2, 2 * 3 * 2] }],
      build: (g, [x]) => new VisualEncoder(g, 'visual', { grid: { height: 2, width: 3, dim: 2 }, dModel: 4, heads: 2, latents: 2, resamplerLayers: 1, dropout: 0 }).apply(x),
    });
    expect(r.relError).toBeLessThan(2e-3);
  });
});
