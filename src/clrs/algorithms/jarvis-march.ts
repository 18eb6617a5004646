/**
 * jarvis_march: clrs `algorithms/geometry.py` jarvis_march (gift wrapping). For every hull vertex one hint per
 * candidate point i, then one hint after the vertex is added; phase 0 only on the first hint.
 */
import type { ClrsAlgorithm } from '../algorithm.js';
import { array, identity, maskOne, positions } from '../probing.js';
import { SampleRecorder } from '../sample.js';
import { SPECS } from '../specs.js';
import { HULL_MIN_N, type PointsInput, lowestPoint, sampleDiskPoints } from './points.js';

export const jarvisMarch: ClrsAlgorithm<PointsInput> = {
  name: 'jarvis_march',
  family: 'geometry',
  multiplier: 1,
  minN: HULL_MIN_N,
  sample: sampleDiskPoints,
  run(input) {
    const { x, y } = input;
    const n = x.length;
    const rec = new SampleRecorder(this.name, SPECS[this.name], n);
    const pred = array(identity(n));
    rec.input('pos', positions(n));
    rec.input('x', x);
    rec.input('y', y);
    const inHull = new Array<number>(n).fill(0);
    const push = (best: number, lastPoint: number, endpoint: number, i: number, phase: number): void =>
      rec.hint({
        pred_h: pred,
        in_hull_h: inHull,
        best: maskOne(best, n),
        last_point: maskOne(lastPoint, n),
        endpoint: maskOne(endpoint, n),
        i: maskOne(i, n),
        phase: [phase],
      });
    // k lies clockwise of (or on) the ray i -> j; a point never beats itself or the ray's ends
    const clockwiseOf = (i: number, j: number, k: number): boolean =>
      k !== i && k !== j && (x[j] - x[i]) * (y[k] - y[i]) - (y[j] - y[i]) * (x[k] - x[i]) <= 0;

    push(0, 0, 0, 0, 0);
    const best = lowestPoint(input);
    inHull[best] = 1;
    let lastPoint = best;
    let endpoint = 0;
    push(best, lastPoint, endpoint, 0, 1);
    for (;;) {
      for (let i = 0; i < n; i++) {
        if (endpoint === lastPoint || clockwiseOf(lastPoint, endpoint, i)) endpoint = i;
        push(best, lastPoint, endpoint, i, 1);
      }
      if (inHull[endpoint] > 0) break;
      inHull[endpoint] = 1;
      lastPoint = endpoint;
      endpoint = 0;
      push(best, lastPoint, endpoint, 0, 1);
    }
    rec.output('in_hull', inHull);
    return rec.finish();
  },
};
