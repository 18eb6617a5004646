import { Rng } from '../common/random.js';
import { studentT } from './causes.js';

/** Noise laws, each drawn with unit variance so that a noise scale means the same thing across laws. */
export const NOISE_NAMES = ['gaussian', 'uniform', 'laplace', 'student-t'] as const;
export type NoiseName = (typeof NOISE_NAMES)[number];

export function sampleNoise(name: NoiseName, n: number, rng: Rng): Float64Array {
  const e = new Float64Array(n);
  switch (name) {
    case 'gaussian':
      for (let i = 0; i < n; i++) e[i] = rng.normal();
      break;
    case 'uniform':
      for (let i = 0; i < n; i++) e[i] = Math.sqrt(3) * rng.range(-1, 1);
      break;
    case 'laplace':
      for (let i = 0; i < n; i++) {
        const u = rng.uniform() - 0.5;
        e[i] = -Math.sign(u) * Math.log(1 - 2 * Math.abs(u)) / Math.SQRT2;
      }
      break;
    case 'student-t': {
      // df = 5 has finite variance df/(df-2); rescale to unit variance.
      const scale = Math.sqrt(3 / 5);
      for (let i = 0; i < n; i++) e[i] = scale * studentT(5, rng);
      break;
    }
  }
  return e;
}
