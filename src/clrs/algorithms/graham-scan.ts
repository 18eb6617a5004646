/**
 * graham_scan: clrs `algorithms/geometry.py` graham_scan (CLRS 33.3). Phases: 0 start, 1 lowest point found,
 * 2 polar angles computed, 3 a pop, 4 a push. The stack is a linked list through `stack_prev`.
 */
import type { ClrsAlgorithm } from '../algorithm.js';
import { argsort, identity, maskOne, positions } from '../probing.js';
import { SampleRecorder } from '../sample.js';
import { SPECS } from '../specs.js';
import { HULL_MIN_N, type PointsInput, lowestPoint, sampleDiskPoints } from './points.js';

export const grahamScan: ClrsAlgorithm<PointsInput> = {
  name: 'graham_scan',
  family: 'geometry',
  multiplier: 1,
  minN: HULL_MIN_N,
  sample: sampleDiskPoints,
  run(input) {
    const { x, y } = input;
    const n = x.length;
    const rec = new SampleRecorder(this.name, SPECS[this.name], n);
    rec.input('pos', positions(n));
    rec.input('x', x);
    rec.input('y', y);
    const inHull = new Array<number>(n).fill(0);
    const stackPrev = identity(n);
    const atans = new Array<number>(n).fill(0);
    const push = (best: number, lastStack: number, i: number, phase: number): void =>
      rec.hint({
        best: maskOne(best, n),
        atans,
        in_hull_h: inHull,
        stack_prev: stackPrev,
        last_stack: maskOne(lastStack, n),
        i: maskOne(i, n),
        phase: [phase],
      });
    // "not a left turn" at j on the way i -> j -> k
    const notLeft = (i: number, j: number, k: number): boolean => (x[j] - x[i]) * (y[k] - y[i]) - (y[j] - y[i]) * (x[k] - x[i]) <= 0;

    push(0, 0, 0, 0);
    const best = lowestPoint(input);
    inHull[best] = 1;
    let lastStack = best;
    push(best, lastStack, best, 1);
    for (let i = 0; i < n; i++) if (i !== best) atans[i] = Math.atan2(y[i] - y[best], x[i] - x[best]);
    atans[best] = -123456789;
    const ind = argsort(atans);
    atans[best] = 0;
    push(best, lastStack, best, 2);
    for (let i = 1; i < n; i++) {
      if (i >= 3) {
        while (notLeft(stackPrev[lastStack], lastStack, ind[i])) {
          const prevLast = lastStack;
          lastStack = stackPrev[lastStack];
          stackPrev[prevLast] = prevLast;
          inHull[prevLast] = 0;
          push(best, lastStack, ind[i], 3);
        }
      }
      inHull[ind[i]] = 1;
      stackPrev[ind[i]] = lastStack;
      lastStack = ind[i];
      push(best, lastStack, ind[i], 4);
    }
    rec.output('in_hull', inHull);
    return rec.finish();
  },
};
