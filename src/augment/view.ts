import type { Rng } from '../common/random.js';
import type { ImageShape } from '../io/images.js';
import { gaussianBlur } from './blur.js';
import { backgroundLevels } from './border.js';
import { cutout, sampleCutout } from './cutout.js';
import { flipHorizontal } from './flip.js';
import { jitter } from './jitter.js';
import { addNoise } from './noise.js';
import type { ViewPolicy } from './policy.js';
import { resizedCrop, sampleCrop } from './resized-crop.js';
import { maskBackground } from './saliency.js';
import { solarize } from './solarize.js';
import { translate } from './translate.js';

/**
 * Writes one augmented view of `src` (one image, HWC, length h*w*c) into `out` (same length: every view, large or
 * small, is resampled to the input resolution, so one network takes them all).
 *
 * The order is ReLICv2's (mask, crop, then the photometric transforms) with the additions for small grayscale
 * images placed where torchvision pipelines put them: translation right after the geometric crop and flip, noise
 * and erasing last. Each step draws its Bernoulli from `rng` whether or not it fires, then its parameters only if it
 * does, so the draws depend only on the rng state and the image, never on earlier images.
 */
export function augmentView(src: Float32Array, shape: ImageShape, out: Float32Array, rng: Rng, view: ViewPolicy, saliencyMask: boolean): void {
  let source = src;
  if (saliencyMask) {
    source = new Float32Array(src.length);
    maskBackground(src, shape, source);
  }
  // only translation and erasing need the background level: computed on first use
  let background: number[] | undefined;
  const fill = (): number[] => (background ??= backgroundLevels(source, shape));
  resizedCrop(source, shape, sampleCrop(rng, shape, view.cropScale, view.cropRatio), out);
  if (rng.uniform() < view.flipProb) flipHorizontal(out, shape);
  if (view.translate > 0) {
    const dx = Math.round(rng.range(-view.translate, view.translate) * shape.width);
    const dy = Math.round(rng.range(-view.translate, view.translate) * shape.height);
    if (dx !== 0 || dy !== 0) translate(out, shape, dx, dy, fill());
  }
  if (rng.uniform() < view.jitterProb) jitter(out, rng, view.brightness, view.contrast);
  if (rng.uniform() < view.blurProb) gaussianBlur(out, shape, rng.range(view.blurSigma[0], view.blurSigma[1]));
  if (rng.uniform() < view.solarizeProb) solarize(out);
  if (rng.uniform() < view.noiseProb) addNoise(out, rng, view.noiseStd);
  if (rng.uniform() < view.cutoutProb) cutout(out, shape, sampleCutout(rng, shape, view.cutoutScale), fill());
}
