import type { Rng } from '../common/random.js';

const UINT32 = 4294967296;

/**
 * Adds independent Gaussian noise of standard deviation `std` to every value, clipped back to [0, 1]. The normals
 * come from the Marsaglia polar method on 32-bit draws, inline, rather than from `rng.normal()`: a whole image of
 * them per view is a hot spot of the training loop, and 32 bits of resolution are plenty for pixel noise. Clipping
 * is written with comparisons, which are several times faster here than Math.min/max.
 */
export function addNoise(img: Float32Array, rng: Rng, std: number): void {
  for (let i = 0; i < img.length; i += 2) {
    let u: number;
    let v: number;
    let s: number;
    do {
      u = (2 * rng.nextUint32()) / UINT32 - 1;
      v = (2 * rng.nextUint32()) / UINT32 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = std * Math.sqrt((-2 * Math.log(s)) / s);
    const a = img[i] + u * f;
    img[i] = a < 0 ? 0 : a > 1 ? 1 : a;
    if (i + 1 < img.length) {
      const b = img[i + 1] + v * f;
      img[i + 1] = b < 0 ? 0 : b > 1 ? 1 : b;
    }
  }
}
