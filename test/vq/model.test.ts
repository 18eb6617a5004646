import { describe, expect, it } from 'vitest';
import { Graph } from '../../src/engine/graph.js';
import { exportInference } from '../../src/engine/export.js';
import { createSession, ort } from '../../src/engine/runtime.js';
import { decoderInference, encoderInference } from '../../src/vq/graphs.js';
import { gridOf, VqNetwork, type VqSpec } from '../../src/vq/model.js';
import { CODEBOOK } from '../../src/vq/quantizer.js';
import { rectangles } from './rectangles.js';

describe('VQ-VAE network', () => {
  it('maps any image size divisible by 4 and any channel count to an H/4 x W/4 grid and back', () => {
    for (const input of [{ height: 32, width: 32, channels: 3 }, { height: 12, width: 16, channels: 1 }]) {
      const g = new Graph();
      const net = new VqNetwork(g, { input, widths: [4, 6], codeDim: 5, codebookSize: 8 });
      const z = net.encode(g.input('x', 'float32', [2, input.height * input.width * input.channels]));
      expect(net.grid).toEqual({ height: input.height / 4, width: input.width / 4 });
      expect(z.shape).toEqual([2 * (input.height / 4) * (input.width / 4), 5]);
      expect(net.decode(z).shape).toEqual([2, input.height * input.width * input.channels]);
    }
  });

  it('refuses an image size that is not divisible by 4', () => {
    expect(() => gridOf({ height: 30, width: 32, channels: 3 })).toThrow(/30x32 must be divisible by 4/);
  });

  it('exports an encoder whose embeddings are the codebook rows of its tokens, and a decoder to pixels in (0, 1)', async () => {
    const spec: VqSpec = { input: { height: 12, width: 16, channels: 3 }, widths: [4, 6], codeDim: 5, codebookSize: 8 };
    const g = new Graph();
    encoderInference(spec)(g);
    // A spread-out codebook, so that several codes are in use.
    const values = g.initParams(3);
    const codebook = values.get(CODEBOOK)!.data as Float32Array;
    codebook.forEach((_, i) => (codebook[i] = Math.sin(i * 1.7)));
    const encoder = await createSession(exportInference(encoderInference(spec), values), { threads: 1 });
    const decoder = await createSession(exportInference(decoderInference(spec), values), { threads: 1 });
    const n = 3;
    const cells = 3 * 4;
    const out = await encoder.run({ image: new ort.Tensor('float32', rectangles(n, spec.input, 2), [n, 12 * 16 * 3]) });
    const tokens = Array.from(out.tokens.data as BigInt64Array, Number);
    expect(out.tokens.dims).toEqual([n, cells]);
    expect(out.embedding.dims).toEqual([n, cells * 5]);
    expect(tokens.every((t) => t >= 0 && t < 8)).toBe(true);
    expect(Array.from(out.embedding.data as Float32Array)).toEqual(tokens.flatMap((t) => Array.from(codebook.subarray(t * 5, t * 5 + 5))));
    const images = await decoder.run({ tokens: out.tokens });
    expect(images.image.dims).toEqual([n, 12 * 16 * 3]);
    expect(Array.from(images.image.data as Float32Array).every((v) => v > 0 && v < 1)).toBe(true);
    await encoder.release();
    await decoder.release();
  });
});
