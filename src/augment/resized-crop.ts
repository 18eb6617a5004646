import type { Rng } from '../common/random.js';
import type { ImageShape } from '../io/images.js';

/** A crop rectangle in pixel units; fractional, so small crops of a 28-pixel image are not stuck on a coarse grid. */
export interface CropBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A random crop covering `scale` of the image area with an aspect ratio in `ratio`, drawn as torchvision's
 * RandomResizedCrop does (area uniform, ratio log-uniform, ten tries), so the ranges mean what they mean in the
 * papers. When no try fits, the fallback is the largest centred crop with the ratio clamped into range.
 */
export function sampleCrop(rng: Rng, shape: ImageShape, scale: readonly [number, number], ratio: readonly [number, number]): CropBox {
  const { height: h, width: w } = shape;
  const area = h * w;
  const logLo = Math.log(ratio[0]);
  const logHi = Math.log(ratio[1]);
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * rng.range(scale[0], scale[1]);
    const aspect = Math.exp(rng.range(logLo, logHi));
    const cw = Math.sqrt(target * aspect);
    const ch = Math.sqrt(target / aspect);
    if (cw <= w && ch <= h) return { x: rng.range(0, w - cw), y: rng.range(0, h - ch), width: cw, height: ch };
  }
  const aspect = Math.min(Math.max(w / h, ratio[0]), ratio[1]);
  const cw = aspect * h <= w ? aspect * h : w;
  const ch = aspect * h <= w ? h : w / aspect;
  return { x: (w - cw) / 2, y: (h - ch) / 2, width: cw, height: ch };
}

let columns = { left: new Int32Array(0), right: new Int32Array(0), frac: new Float64Array(0) };

/**
 * Resamples `box` of `src` to the full image size with bilinear interpolation. Pixel centres are mapped with the
 * half-pixel convention (align_corners = false), so the full box reproduces the image exactly and a small crop is
 * magnified without a shift; samples past the edge take the edge pixel.
 */
export function resizedCrop(src: Float32Array, shape: ImageShape, box: CropBox, out: Float32Array): void {
  const { height: h, width: w, channels: c } = shape;
  // the horizontal sample positions are the same on every row: computed once per call, into buffers kept between
  // calls because on a 28-pixel image allocating them costs about as much as the resampling
  if (columns.left.length < w) columns = { left: new Int32Array(w), right: new Int32Array(w), frac: new Float64Array(w) };
  const { left, right, frac } = columns;
  for (let ox = 0; ox < w; ox++) {
    const fx = Math.min(Math.max(box.x + ((ox + 0.5) * box.width) / w - 0.5, 0), w - 1);
    const x0 = Math.floor(fx);
    left[ox] = x0 * c;
    right[ox] = Math.min(x0 + 1, w - 1) * c;
    frac[ox] = fx - x0;
  }
  for (let oy = 0; oy < h; oy++) {
    const fy = Math.min(Math.max(box.y + ((oy + 0.5) * box.height) / h - 0.5, 0), h - 1);
    const y0 = Math.floor(fy);
    const top = y0 * w * c;
    const bottom = Math.min(y0 + 1, h - 1) * w * c;
    const ty = fy - y0;
    for (let ox = 0; ox < w; ox++) {
      const tx = frac[ox];
      const o = (oy * w + ox) * c;
      for (let k = 0; k < c; k++) {
        const a = src[top + left[ox] + k];
        const b = src[top + right[ox] + k];
        const d = src[bottom + left[ox] + k];
        const e = src[bottom + right[ox] + k];
        const upper = a + (b - a) * tx;
        out[o + k] = upper + (d + (e - d) * tx - upper) * ty;
      }
    }
  }
}
