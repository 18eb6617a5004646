import type { Rng } from '../common/random.js';
import type { ImageShape } from '../io/images.js';

/** A rectangle of whole pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A rectangle covering `scale` of the image area, aspect ratio log-uniform in [0.3, 3.3], placed uniformly: the
 * ranges of torchvision's RandomErasing. Sides are rounded to whole pixels and clamped to the image.
 */
export function sampleCutout(rng: Rng, shape: ImageShape, scale: readonly [number, number]): Rect {
  const { height: h, width: w } = shape;
  const area = h * w * rng.range(scale[0], scale[1]);
  const aspect = Math.exp(rng.range(Math.log(0.3), Math.log(3.3)));
  const width = Math.min(w, Math.max(1, Math.round(Math.sqrt(area * aspect))));
  const height = Math.min(h, Math.max(1, Math.round(Math.sqrt(area / aspect))));
  return { x: rng.int(w - width + 1), y: rng.int(h - height + 1), width, height };
}

/**
 * Erases `rect`, in place, with `fill` (one value per channel): the background level, so the erased part looks like
 * missing object rather than a black patch on a light background, and like the fill of translation and masking.
 */
export function cutout(img: Float32Array, shape: ImageShape, rect: Rect, fill: readonly number[]): void {
  const { width: w, channels: c } = shape;
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) {
      for (let k = 0; k < c; k++) img[(y * w + x) * c + k] = fill[k];
    }
  }
}
