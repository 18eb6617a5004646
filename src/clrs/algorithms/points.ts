/** What the three geometry tasks share: points as x and y node scalars. */
import type { Rng } from '../../common/random.js';
import { randomSequence } from '../samplers.js';

export interface PointsInput {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** Below this |cross product| three points count as collinear (the hull sampler's rejection test). */
const COLLINEAR_TOLERANCE = 1e-12;

/**
 * ConvexHullSampler as the method note (§2.4) describes the current benchmark: n points uniform in the disk of
 * radius 2 (angle U[0, 2π), radius 2·sqrt(U[0,1])), all redrawn while any three are collinear. The draw order
 * (all angles, then all radii) and the tolerance test |cross| < 1e-12 are our reading.
 */
export function sampleDiskPoints(n: number, rng: Rng): PointsInput {
  for (;;) {
    const theta = randomSequence(rng, n, 0, 2 * Math.PI);
    const r = randomSequence(rng, n).map((u) => 2 * Math.sqrt(u));
    const x = r.map((v, i) => v * Math.cos(theta[i]));
    const y = r.map((v, i) => v * Math.sin(theta[i]));
    if (!hasCollinearTriple(x, y)) return { x, y };
  }
}

function hasCollinearTriple(x: Float64Array, y: Float64Array): boolean {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      for (let k = j + 1; k < n; k++) {
        const cross = (x[j] - x[i]) * (y[k] - y[i]) - (y[j] - y[i]) * (x[k] - x[i]);
        if (Math.abs(cross) < COLLINEAR_TOLERANCE) return true;
      }
    }
  }
  return false;
}

/** The lowest point, ties to the leftmost: both hull algorithms start there. */
export function lowestPoint({ x, y }: PointsInput): number {
  let best = 0;
  for (let i = 0; i < x.length; i++) if (y[i] < y[best] || (y[i] === y[best] && x[i] < x[best])) best = i;
  return best;
}

export const HULL_MIN_N = 3;
