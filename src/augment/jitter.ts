import type { Rng } from '../common/random.js';

/**
 * Brightness and contrast jitter, the part of colour jitter that means something for grayscale images (saturation
 * and hue do not). Brightness scales every value by a factor in [1 - brightness, 1 + brightness]; contrast pulls
 * values towards or away from the image mean by a factor in [1 - contrast, 1 + contrast]. Both act on all channels
 * alike, so a grayscale image stays grayscale. As in torchvision's ColorJitter, the two are applied in random order
 * and the result is clipped to [0, 1] after each.
 */
export function jitter(img: Float32Array, rng: Rng, brightness: number, contrast: number): void {
  const b = rng.range(Math.max(0, 1 - brightness), 1 + brightness);
  const k = rng.range(Math.max(0, 1 - contrast), 1 + contrast);
  const brightnessFirst = rng.uniform() < 0.5;
  const n = img.length;
  // contrast needs the mean of its input; brightness first computes it on the way. Clipping is written with
  // comparisons, not Math.min/max, which are several times slower in this loop.
  let sum = 0;
  if (brightnessFirst) {
    for (let i = 0; i < n; i++) {
      const v = img[i] * b;
      img[i] = v > 1 ? 1 : v;
      sum += img[i];
    }
  } else {
    for (let i = 0; i < n; i++) sum += img[i];
  }
  const offset = (sum / n) * (1 - k);
  const after = brightnessFirst ? 1 : b;
  for (let i = 0; i < n; i++) {
    const v = img[i] * k + offset;
    const contrasted = v < 0 ? 0 : v > 1 ? 1 : v;
    const w = contrasted * after;
    img[i] = w > 1 ? 1 : w;
  }
}
