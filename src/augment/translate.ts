import type { ImageShape } from '../io/images.js';

/**
 * Shifts the image by whole pixels (dx right, dy down), in place. The uncovered strip takes `fill`, one value per
 * channel: the background level rather than zero, so a light background does not gain a dark bar. Rows are visited
 * from the far side of the shift so every source row is read before it is overwritten; within a row `copyWithin`
 * handles the overlap.
 */
export function translate(img: Float32Array, shape: ImageShape, dx: number, dy: number, fill: readonly number[]): void {
  const { height: h, width: w, channels: c } = shape;
  const rowLength = w * c;
  const fillRange = (from: number, to: number): void => {
    for (let i = from; i < to; i += c) for (let k = 0; k < c; k++) img[i + k] = fill[k];
  };
  const kept0 = Math.max(0, dx);
  const kept1 = Math.min(w, w + dx);
  for (let step = 0; step < h; step++) {
    const y = dy > 0 ? h - 1 - step : step;
    const sy = y - dy;
    const o = y * rowLength;
    if (sy < 0 || sy >= h || kept1 <= kept0) {
      fillRange(o, o + rowLength);
      continue;
    }
    const s = sy * rowLength;
    img.copyWithin(o + kept0 * c, s + (kept0 - dx) * c, s + (kept1 - dx) * c);
    fillRange(o, o + kept0 * c);
    fillRange(o + kept1 * c, o + rowLength);
  }
}
