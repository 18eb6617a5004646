import type { ImageShape } from '../io/images.js';

/** Mirrors the image left to right, in place. */
export function flipHorizontal(img: Float32Array, shape: ImageShape): void {
  const { height: h, width: w, channels: c } = shape;
  for (let y = 0; y < h; y++) {
    const row = y * w * c;
    for (let left = 0, right = w - 1; left < right; left++, right--) {
      for (let k = 0; k < c; k++) {
        const i = row + left * c + k;
        const j = row + right * c + k;
        const t = img[i];
        img[i] = img[j];
        img[j] = t;
      }
    }
  }
}
