import { describe, expect, it } from 'vitest';
import { grahamScan } from '../../src/clrs/algorithms/graham-scan.js';
import { jarvisMarch } from '../../src/clrs/algorithms/jarvis-march.js';
import { segmentsIntersect } from '../../src/clrs/algorithms/segments-intersect.js';
import { expectDeterministic, expectMatchesSpec, samplesOf } from './helpers.js';

type Pt = [number, number];

/** Closed segments ab and cd meet: the textbook orientation test, collinear cases included. */
function meet(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const orient = (p: Pt, q: Pt, r: Pt): number => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const within = (p: Pt, q: Pt, r: Pt): boolean =>
    Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  const [o1, o2, o3, o4] = [orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)];
  if (o1 * o2 < 0 && o3 * o4 < 0) return true;
  return (o1 === 0 && within(a, b, c)) || (o2 === 0 && within(a, b, d)) || (o3 === 0 && within(c, d, a)) || (o4 === 0 && within(c, d, b));
}

/** Strict convex hull vertices by Andrew's monotone chain. */
function monotoneChain(x: Float64Array, y: Float64Array): Set<number> {
  const idx = Array.from(x, (_, i) => i).sort((a, b) => x[a] - x[b] || y[a] - y[b]);
  const cross = (o: number, a: number, b: number): number => (x[a] - x[o]) * (y[b] - y[o]) - (y[a] - y[o]) * (x[b] - x[o]);
  const half = (pts: number[]): number[] => {
    const h: number[] = [];
    for (const p of pts) {
      while (h.length >= 2 && cross(h[h.length - 2], h[h.length - 1], p) <= 0) h.pop();
      h.push(p);
    }
    return h;
  };
  return new Set([...half(idx), ...half([...idx].reverse())]);
}

describe('segments_intersect', () => {
  it('agrees with an independent orientation test; 4 nodes whatever n; 5 hint steps; a fair coin', () => {
    let hits = 0;
    const samples = samplesOf(segmentsIntersect, 16, 200);
    for (const s of samples) {
      expectMatchesSpec(s);
      expect(s.n).toBe(4);
      expect(s.length).toBe(5);
      const pt = (i: number): Pt => [s.inputs.x[i], s.inputs.y[i]];
      const truth = meet(pt(0), pt(1), pt(2), pt(3));
      expect(s.outputs.intersect[0]).toBe(truth ? 1 : 0);
      hits += truth ? 1 : 0;
    }
    expect(hits / samples.length).toBeGreaterThan(0.35);
    expect(hits / samples.length).toBeLessThan(0.65);
  });

  it('handles touching and collinear segments', () => {
    const run = (pts: Pt[]): number =>
      segmentsIntersect.run({ x: Float64Array.from(pts.map((p) => p[0])), y: Float64Array.from(pts.map((p) => p[1])) }).outputs.intersect[0];
    expect(run([[0, 0], [1, 1], [0, 1], [1, 0]])).toBe(1);
    expect(run([[0, 0], [1, 0], [1, 0], [2, 1]])).toBe(1);
    expect(run([[0, 0], [2, 0], [1, 0], [3, 0]])).toBe(1);
    expect(run([[0, 0], [1, 0], [2, 0], [3, 0]])).toBe(0);
    expect(run([[0, 0], [1, 0], [0, 1], [1, 1]])).toBe(0);
  });
  it('is deterministic by seed', () => expectDeterministic(segmentsIntersect, 4));
});

describe.each([grahamScan, jarvisMarch])('$name', (alg) => {
  it('marks exactly the hull vertices of Andrew’s monotone chain; points in the disk of radius 2', () => {
    for (const n of [3, 4, 16, 40]) {
      for (const s of samplesOf(alg, n, 10)) {
        expectMatchesSpec(s);
        const { x, y } = s.inputs;
        expect(Array.from(x).every((v, i) => Math.hypot(v, y[i]) <= 2)).toBe(true);
        const hull = monotoneChain(x, y);
        const marked = new Set(Array.from(s.outputs.in_hull).flatMap((v, i) => (v === 1 ? [i] : [])));
        expect(marked).toEqual(hull);
        const h = hull.size;
        // graham: 3 set-up steps, one push per non-lowest point, one pop per interior point
        // jarvis: 2 set-up steps, n candidates per wrap step (h of them), one step per vertex added (h - 1)
        expect(s.length).toBe(alg === grahamScan ? 3 + (n - 1) + (n - h) : 2 + h * n + (h - 1));
      }
    }
  });
  it('is deterministic by seed', () => expectDeterministic(alg, 8));
});
