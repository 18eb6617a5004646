/**
 * segments_intersect: clrs `algorithms/geometry.py` segments_intersect (CLRS 33.1) on segments p0p1 and p2p3:
 * five hint steps (initial, then the four orientation tests), and the graph mask `intersect`. Always 4 nodes,
 * whatever n is asked for (the benchmark's sampler ignores the length too).
 */
import type { ClrsAlgorithm } from '../algorithm.js';
import { maskOne, positions } from '../probing.js';
import { SampleRecorder } from '../sample.js';
import { randomSequence } from '../samplers.js';
import { SPECS } from '../specs.js';
import type { PointsInput } from './points.js';

/** The sampler's quick test for rejection sampling (proper crossings only, collinearity ignored). */
function ccw(xa: number, ya: number, xb: number, yb: number, xc: number, yc: number): boolean {
  return (yc - ya) * (xb - xa) > (yb - ya) * (xc - xa);
}

function roughlyIntersect(x: Float64Array, y: Float64Array): boolean {
  return (
    ccw(x[0], y[0], x[2], y[2], x[3], y[3]) !== ccw(x[1], y[1], x[2], y[2], x[3], y[3]) &&
    ccw(x[0], y[0], x[1], y[1], x[2], y[2]) !== ccw(x[0], y[0], x[1], y[1], x[3], y[3])
  );
}

export const segmentsIntersect: ClrsAlgorithm<PointsInput> = {
  name: 'segments_intersect',
  family: 'geometry',
  multiplier: 64,
  // SegmentsSampler: a fair coin decides intersect or not, then 4 points in U[0,1]^2 are redrawn until they agree
  sample(_n, rng) {
    const wantIntersect = rng.uniform() < 0.5;
    for (;;) {
      const x = randomSequence(rng, 4);
      const y = randomSequence(rng, 4);
      if (roughlyIntersect(x, y) === wantIntersect) return { x, y };
    }
  },
  run(input) {
    const { x, y } = input;
    const n = 4;
    if (x.length !== n || y.length !== n) throw new Error(`segments_intersect: needs 4 points, got ${x.length}`);
    const rec = new SampleRecorder(this.name, SPECS[this.name], n);
    rec.input('pos', positions(n));
    rec.input('x', x);
    rec.input('y', y);
    const dirs = [0, 0, 0, 0];
    const onSeg = [0, 0, 0, 0];
    // direction(i, j, k) = (p_k - p_i) x (p_j - p_i)
    const direction = (i: number, j: number, k: number): number => (x[k] - x[i]) * (y[j] - y[i]) - (x[j] - x[i]) * (y[k] - y[i]);
    const onSegment = (i: number, j: number, k: number): number =>
      Math.min(x[i], x[j]) <= x[k] && x[k] <= Math.max(x[i], x[j]) && Math.min(y[i], y[j]) <= y[k] && y[k] <= Math.max(y[i], y[j]) ? 1 : 0;
    rec.hint({ i: maskOne(0, n), j: maskOne(0, n), k: maskOne(0, n), dir: dirs, on_seg: onSeg });
    for (const [i, j, k] of [
      [2, 3, 0],
      [2, 3, 1],
      [0, 1, 2],
      [0, 1, 3],
    ]) {
      dirs[k] = direction(i, j, k);
      onSeg[k] = onSegment(i, j, k);
      rec.hint({ i: maskOne(i, n), j: maskOne(j, n), k: maskOne(k, n), dir: dirs, on_seg: onSeg });
    }
    const straddles = (a: number, b: number): boolean => (a > 0 && b < 0) || (a < 0 && b > 0);
    const intersect =
      (straddles(dirs[0], dirs[1]) && straddles(dirs[2], dirs[3])) || [0, 1, 2, 3].some((k) => dirs[k] === 0 && onSeg[k] === 1);
    rec.output('intersect', [intersect ? 1 : 0]);
    return rec.finish();
  },
};
