import type { ImageShape } from '../io/images.js';

/**
 * Gaussian blur with standard deviation `sigma` pixels, in place. Separable (a horizontal then a vertical pass), so
 * its cost grows with the kernel's width, not its area; the kernel reaches 3 sigma and is normalised to sum 1, and
 * samples past the edge take the edge pixel, so a constant image, and the mean of any image away from its edges,
 * are unchanged.
 */
export function gaussianBlur(img: Float32Array, shape: ImageShape, sigma: number): void {
  const { height: h, width: w, channels: c } = shape;
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const taps = 2 * radius + 1;
  // one padded line at a time, edge values replicated into the padding, keeps clamping out of the inner loop
  if (scratch.kernel.length < taps || scratch.line.length < Math.max(h, w) + 2 * radius) {
    scratch = { kernel: new Float64Array(taps), line: new Float64Array(Math.max(h, w) + 2 * radius) };
  }
  const { kernel, line } = scratch;
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += kernel[i + radius] = Math.exp((-i * i) / (2 * sigma * sigma));
  for (let i = 0; i < taps; i++) kernel[i] /= sum;
  for (let k = 0; k < c; k++) {
    for (let y = 0; y < h; y++) convolveLine(img, y * w * c + k, c, w, kernel, taps, line);
    for (let x = 0; x < w; x++) convolveLine(img, x * c + k, w * c, h, kernel, taps, line);
  }
}

/** Kept between calls: on 28x28 images allocating them costs a good part of the blur itself. */
let scratch = { kernel: new Float64Array(0), line: new Float64Array(0) };

/** Convolves the `n` values at `start`, `start + stride`, ... of `img` with the first `taps` of `kernel`, in place. */
function convolveLine(img: Float32Array, start: number, stride: number, n: number, kernel: Float64Array, taps: number, line: Float64Array): void {
  const radius = taps >> 1;
  const first = img[start];
  const last = img[start + (n - 1) * stride];
  for (let i = 0; i < radius; i++) {
    line[i] = first;
    line[radius + n + i] = last;
  }
  for (let i = 0; i < n; i++) line[radius + i] = img[start + i * stride];
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let t = 0; t < taps; t++) acc += kernel[t] * line[i + t];
    img[start + i * stride] = acc;
  }
}
