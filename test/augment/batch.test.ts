import { describe, expect, it } from 'vitest';
import { augmentBatch, augmentView, defaultPolicy, maskBackground, type ViewPolicy } from '../../src/augment/index.js';
import { Rng } from '../../src/common/random.js';

const SHAPE = { height: 28, width: 28, channels: 1 };
const PX = 784;

/** `n` images, each a bright blob on a dark background at a different place, with a little texture. */
function images(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const out = new Float32Array(n * PX);
  for (let r = 0; r < n; r++) {
    const cy = 8 + rng.int(12);
    const cx = 8 + rng.int(12);
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        const d2 = (y - cy) ** 2 + (x - cx) ** 2;
        out[r * PX + y * 28 + x] = d2 < 36 ? 0.6 + 0.4 * rng.uniform() : 0.05 * rng.uniform();
      }
    }
  }
  return out;
}

const IDENTITY: ViewPolicy = {
  cropScale: [1, 1],
  cropRatio: [1, 1],
  flipProb: 0,
  translate: 0,
  brightness: 0,
  contrast: 0,
  jitterProb: 0,
  blurProb: 0,
  blurSigma: [1, 1],
  noiseProb: 0,
  noiseStd: 0,
  solarizeProb: 0,
  cutoutProb: 0,
  cutoutScale: [0.1, 0.1],
};

describe('augmentView', () => {
  it('with every transform off is the identity', () => {
    const src = images(1, 1);
    const out = new Float32Array(PX);
    augmentView(src, SHAPE, out, new Rng(1), IDENTITY, false);
    expect(out).toEqual(src);
  });

  it('with only saliency masking gives the masked image', () => {
    const src = images(1, 2);
    src[3 * 28 + 3] = 0.9;
    const out = new Float32Array(PX);
    const expected = new Float32Array(PX);
    augmentView(src, SHAPE, out, new Rng(1), IDENTITY, true);
    maskBackground(src, SHAPE, expected);
    expect(out).toEqual(expected);
    expect(out[3 * 28 + 3]).toBeLessThan(0.1);
  });

  it('with the defaults keeps values in [0, 1] and changes the image', () => {
    const src = images(1, 3);
    const out = new Float32Array(PX);
    const rng = new Rng(2);
    for (const view of [defaultPolicy().large, defaultPolicy().small]) {
      for (let i = 0; i < 50; i++) {
        augmentView(src, SHAPE, out, rng, view, i % 2 === 0);
        expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...out)).toBeLessThanOrEqual(1);
        expect(out).not.toEqual(src);
      }
    }
  });
});

describe('augmentBatch', () => {
  const imgs = images(8, 4);
  const rows = Int32Array.from([5, 0, 3]);
  const policy = defaultPolicy({ largeViews: 2, smallViews: 3, maskProb: 0.5 });
  const run = (seed: number): Float32Array => {
    const out = new Float32Array(5 * 3 * PX);
    augmentBatch(imgs, SHAPE, rows, policy, new Rng(seed), out);
    return out;
  };

  it('is deterministic: the same seed gives identical bytes, another seed different ones', () => {
    const a = run(7);
    expect(Buffer.from(run(7).buffer).equals(Buffer.from(a.buffer))).toBe(true);
    expect(Buffer.from(run(8).buffer).equals(Buffer.from(a.buffer))).toBe(false);
  });

  it('lays views out view-major, large views first, each equal to augmentView with the same draws', () => {
    const out = run(9);
    const rng = new Rng(9);
    const one = new Float32Array(PX);
    for (let v = 0; v < 5; v++) {
      const large = v < 2;
      for (let i = 0; i < rows.length; i++) {
        const mask = large && rng.uniform() < policy.maskProb;
        augmentView(imgs.subarray(rows[i] * PX, (rows[i] + 1) * PX), SHAPE, one, rng, large ? policy.large : policy.small, mask);
        expect(out.subarray((v * 3 + i) * PX, (v * 3 + i + 1) * PX)).toEqual(one);
      }
    }
  });

  it('rejects an output buffer of the wrong size', () => {
    expect(() => augmentBatch(imgs, SHAPE, rows, policy, new Rng(1), new Float32Array(10))).toThrow(/expected 5 views x 3 rows x 784 pixels/);
  });

  it('no flip: with flip false no view is mirrored', () => {
    expect(defaultPolicy({ flip: false }).large.flipProb).toBe(0);
    expect(defaultPolicy({ flip: false }).small.flipProb).toBe(0);
    expect(defaultPolicy().large.flipProb).toBe(0.5);
  });
});
