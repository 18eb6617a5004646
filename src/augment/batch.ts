import type { Rng } from '../common/random.js';
import { type ImageShape, pixels } from '../io/images.js';
import type { AugmentPolicy } from './policy.js';
import { maskBackground } from './saliency.js';
import { augmentView } from './view.js';

/**
 * All views of a batch: `out` is [views * rows * pixels] laid out view-major (view 0 for rows 0..n-1, then view 1,
 * ...), views ordered large first, then small. Views go through the rng in that same order, and each large view draws
 * its masking Bernoulli before its transforms, so the result depends only on the rng state and the inputs.
 *
 * The background-masked image depends only on the source image, so it is made once per row, the first time one of
 * that row's large views draws masking, and shared by its other masked views.
 */
export function augmentBatch(images: Float32Array, shape: ImageShape, rows: Int32Array, policy: AugmentPolicy, rng: Rng, out: Float32Array): void {
  const size = pixels(shape);
  const views = policy.largeViews + policy.smallViews;
  if (out.length !== views * rows.length * size) {
    throw new RangeError(`augmentBatch: out holds ${out.length} values, expected ${views} views x ${rows.length} rows x ${size} pixels`);
  }
  const masked = new Map<number, Float32Array>();
  const maskedImage = (row: number, src: Float32Array): Float32Array => {
    let m = masked.get(row);
    if (!m) {
      m = new Float32Array(size);
      maskBackground(src, shape, m);
      masked.set(row, m);
    }
    return m;
  };
  for (let v = 0; v < views; v++) {
    const large = v < policy.largeViews;
    const view = large ? policy.large : policy.small;
    for (let i = 0; i < rows.length; i++) {
      const src = images.subarray(rows[i] * size, (rows[i] + 1) * size);
      const mask = large && rng.uniform() < policy.maskProb;
      const target = out.subarray((v * rows.length + i) * size, (v * rows.length + i + 1) * size);
      augmentView(mask ? maskedImage(rows[i], src) : src, shape, target, rng, view, false);
    }
  }
}
