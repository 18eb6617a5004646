import type { ImageShape } from '../io/images.js';

/**
 * The background level of each channel: its border median. Translation, erasing and saliency masking all fill with
 * the level of the view's source image (not of the crop, whose border may be all object), so an uncovered, erased or
 * masked area looks like background on dark and light backgrounds alike.
 */
export function backgroundLevels(img: Float32Array, shape: ImageShape): number[] {
  return Array.from({ length: shape.channels }, (_, k) => borderMedian(img, shape, k));
}

let borderValues = new Float64Array(0);

/**
 * The median of one channel's outermost pixels. The median rather than the mean, so that an object touching the edge
 * (a wide shirt, a trouser leg) does not drag the estimate towards itself.
 */
export function borderMedian(img: Float32Array, shape: ImageShape, channel: number): number {
  const { height: h, width: w, channels: c } = shape;
  const count = h === 1 || w === 1 ? h * w : 2 * (h + w) - 4;
  // kept between calls: every view asks for this, and allocating costs about as much as the selection
  if (borderValues.length !== count) borderValues = new Float64Array(count);
  const values = borderValues;
  let n = 0;
  for (let y = 0; y < h; y++) {
    const edgeRow = y === 0 || y === h - 1;
    for (let x = 0; x < w; x += edgeRow ? 1 : Math.max(1, w - 1)) values[n++] = img[(y * w + x) * c + channel];
  }
  const upper = select(values, n >> 1);
  if (n % 2) return upper;
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) if (values[i] > lower) lower = values[i];
  return 0.5 * (lower + upper);
}

/**
 * The k-th smallest value (Hoare's quickselect, middle pivot), leaving the k smallest in values[0..k-1]: linear time,
 * which matters because every view asks for it.
 */
function select(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k];
}
