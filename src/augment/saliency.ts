import type { ImageShape } from '../io/images.js';
import { backgroundLevels, borderMedian } from './border.js';

/** Masks covering less or more than this share of the image are treated as failures, and nothing is masked. */
const MIN_FOREGROUND = 0.05;
const MAX_FOREGROUND = 0.95;
const BINS = 64;
/** Components smaller than this fraction of the largest are specks, not object. */
const MAIN_COMPONENT = 0.1;
/** Hysteresis: pixels down to this fraction of Otsu's threshold count when connected to pixels above it. */
const WEAK = 0.5;

/**
 * The foreground of one image, 1 for object and 0 for background, from the image alone.
 *
 * ReLICv2 masks backgrounds with an unsupervised saliency network (DeepUSPS) trained on ImageNet; there is no such
 * model offline, and datasets like Fashion-MNIST show one centred object on a plain background, so a classical rule
 * suffices and costs microseconds per image:
 * 1. the background level is the median intensity of the border pixels, so dark and light backgrounds both work;
 * 2. each pixel's distance from that level is compared with Otsu's threshold (the cut that maximises the
 *    between-class variance), which adapts to the contrast of each image, with hysteresis: a pixel down to half the
 *    threshold is foreground when it connects to pixels above it, so a dim sole or seam stays with its shoe;
 * 3. only 8-connected foreground components that reach the threshold and hold at least a tenth of the largest one's
 *    pixels are kept (specks of texture or noise are dropped, a sandal's separate straps are not), their holes are filled (dark print inside a
 *    light garment is still the garment), and the result is dilated by one pixel so the object's anti-aliased edge
 *    survives the masking.
 * A mask covering under 5% or over 95% of the image is degenerate (a blank image, a texture filling the frame) and
 * is replaced by all ones, so that masking leaves such an image unchanged.
 */
export function saliencyMask(src: Float32Array, shape: ImageShape, out: Uint8Array): void {
  const { height: h, width: w, channels: c } = shape;
  const n = h * w;
  // each pixel's intensity (the mean over channels), then in place its distance from the background level
  const distance = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < c; k++) s += src[i * c + k];
    distance[i] = s / c;
  }
  const level = borderMedian(distance, { height: h, width: w, channels: 1 }, 0);
  let maxDistance = 0;
  for (let i = 0; i < n; i++) {
    const d = distance[i] > level ? distance[i] - level : level - distance[i];
    distance[i] = d;
    if (d > maxDistance) maxDistance = d;
  }
  out.fill(0);
  if (maxDistance > 1e-6) {
    const threshold = otsu(distance, maxDistance);
    for (let i = 0; i < n; i++) out[i] = distance[i] >= WEAK * threshold ? 1 : 0;
    keepMainComponents(out, distance, threshold, h, w);
    fillHoles(out, h, w);
    dilate(out, h, w);
  }
  let area = 0;
  for (let i = 0; i < n; i++) area += out[i];
  if (area < MIN_FOREGROUND * n || area > MAX_FOREGROUND * n) out.fill(1);
}

/**
 * Writes `src` with its background replaced by the background level (each channel's border median), where the
 * saliency mask is not degenerate; otherwise an unchanged copy.
 */
export function maskBackground(src: Float32Array, shape: ImageShape, out: Float32Array): void {
  const { height: h, width: w, channels: c } = shape;
  const mask = new Uint8Array(h * w);
  saliencyMask(src, shape, mask);
  const fill = backgroundLevels(src, shape);
  for (let i = 0; i < h * w; i++) {
    for (let k = 0; k < c; k++) out[i * c + k] = mask[i] ? src[i * c + k] : fill[k];
  }
}

/**
 * Otsu's threshold of values in [0, max], on a histogram of BINS bins. When several cuts tie (empty bins between two
 * clean modes) the threshold is the middle of the tied range, not its lower end, so hysteresis's lower threshold
 * stays clear of the background's noise.
 */
function otsu(values: Float32Array, max: number): number {
  const hist = new Float64Array(BINS);
  for (let i = 0; i < values.length; i++) hist[Math.min(BINS - 1, Math.floor((values[i] / max) * BINS))]++;
  let total = 0;
  for (let b = 0; b < BINS; b++) total += b * hist[b];
  let weightLow = 0;
  let sumLow = 0;
  let best = -1;
  let first = 0;
  let last = 0;
  for (let b = 0; b < BINS - 1; b++) {
    weightLow += hist[b];
    sumLow += b * hist[b];
    const weightHigh = values.length - weightLow;
    if (weightLow === 0 || weightHigh === 0) continue;
    const gap = sumLow / weightLow - (total - sumLow) / weightHigh;
    const between = weightLow * weightHigh * gap * gap;
    if (between > best * (1 + 1e-9)) {
      best = between;
      first = b;
      last = b;
    } else if (between >= best * (1 - 1e-9)) {
      last = b;
    }
  }
  return ((first + last) / 2 + 1) / BINS * max;
}

/**
 * Keeps the 8-connected components of `mask` that hold a pixel at `distance` >= `threshold` and at least a tenth of
 * the largest such component's pixels: specks of texture or noise go, while an object in several parts (a sandal's
 * straps, a bag and its handle) stays whole. No such component leaves the mask empty.
 */
function keepMainComponents(mask: Uint8Array, distance: Float32Array, threshold: number, h: number, w: number): void {
  const label = new Int32Array(h * w);
  const stack = new Int32Array(h * w);
  const sizes: number[] = [0];
  for (let start = 0; start < h * w; start++) {
    if (!mask[start] || label[start]) continue;
    const id = sizes.length;
    let size = 0;
    let strong = false;
    let top = 0;
    stack[top++] = start;
    label[start] = id;
    while (top > 0) {
      const p = stack[--top];
      size++;
      if (distance[p] >= threshold) strong = true;
      const py = (p / w) | 0;
      const px = p - py * w;
      const y0 = py > 0 ? py - 1 : py;
      const y1 = py < h - 1 ? py + 1 : py;
      const x0 = px > 0 ? px - 1 : px;
      const x1 = px < w - 1 ? px + 1 : px;
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const q = y * w + x;
          if (mask[q] && !label[q]) {
            label[q] = id;
            stack[top++] = q;
          }
        }
      }
    }
    sizes.push(strong ? size : 0);
  }
  const keep = MAIN_COMPONENT * Math.max(...sizes);
  for (let i = 0; i < h * w; i++) mask[i] = label[i] > 0 && sizes[label[i]] > 0 && sizes[label[i]] >= keep ? 1 : 0;
}

/** Background is what the border reaches through non-object pixels (4-connected); everything else is object. */
function fillHoles(mask: Uint8Array, h: number, w: number): void {
  const outside = new Uint8Array(h * w);
  const stack = new Int32Array(h * w);
  let top = 0;
  for (let p = 0; p < h * w; p++) {
    const y = (p / w) | 0;
    const x = p - y * w;
    if ((y === 0 || y === h - 1 || x === 0 || x === w - 1) && !mask[p]) {
      outside[p] = 1;
      stack[top++] = p;
    }
  }
  while (top > 0) {
    const p = stack[--top];
    const y = (p / w) | 0;
    const x = p - y * w;
    // the four neighbours, each only when inside the image
    for (let k = 0; k < 4; k++) {
      const q = k === 0 ? (y > 0 ? p - w : -1) : k === 1 ? (y < h - 1 ? p + w : -1) : k === 2 ? (x > 0 ? p - 1 : -1) : x < w - 1 ? p + 1 : -1;
      if (q >= 0 && !mask[q] && !outside[q]) {
        outside[q] = 1;
        stack[top++] = q;
      }
    }
  }
  for (let i = 0; i < h * w; i++) mask[i] = outside[i] ^ 1;
}

/** Grows the mask by one pixel in all eight directions. */
function dilate(mask: Uint8Array, h: number, w: number): void {
  const src = mask.slice();
  for (let p = 0; p < h * w; p++) {
    if (!src[p]) continue;
    const py = (p / w) | 0;
    const px = p - py * w;
    for (let y = Math.max(0, py - 1); y <= Math.min(h - 1, py + 1); y++) {
      for (let x = Math.max(0, px - 1); x <= Math.min(w - 1, px + 1); x++) mask[y * w + x] = 1;
    }
  }
}
