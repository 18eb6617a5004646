/**
 * Inverts every value at or above `threshold` (BYOL's and ReLICv2's solarize, threshold 0.5 on [0, 1] images):
 * bright regions turn dark while dark ones stay, so the network cannot rely on absolute intensity.
 */
export function solarize(img: Float32Array, threshold = 0.5): void {
  for (let i = 0; i < img.length; i++) if (img[i] >= threshold) img[i] = 1 - img[i];
}
