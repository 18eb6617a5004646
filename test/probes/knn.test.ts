import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { type Metric, nearestNeighbours, vote } from '../../src/probes/knn.js';

/** Every query's references ranked by a plain double loop: the reference the blocked search must match. */
function bruteForce(q: Float32Array, r: Float32Array, dim: number, k: number, metric: Metric, exclude?: Int32Array) {
  const nq = q.length / dim;
  const nr = r.length / dim;
  return Array.from({ length: nq }, (_, i) => {
    const scored: { j: number; d: number }[] = [];
    for (let j = 0; j < nr; j++) {
      if (exclude && exclude[i] === j) continue;
      let dot = 0, qq = 0, rr = 0, sq = 0;
      for (let t = 0; t < dim; t++) {
        const a = q[i * dim + t], b = r[j * dim + t];
        dot += a * b; qq += a * a; rr += b * b; sq += (a - b) ** 2;
      }
      scored.push({ j, d: metric === 'cosine' ? dot / Math.sqrt(qq * rr) : Math.sqrt(sq) });
    }
    scored.sort((a, b) => (metric === 'cosine' ? b.d - a.d : a.d - b.d) || a.j - b.j);
    return scored.slice(0, k);
  });
}

function randomRows(rng: Rng, rows: number, dim: number): Float32Array {
  return Float32Array.from({ length: rows * dim }, () => rng.normal());
}

describe('nearestNeighbours', () => {
  const rng = new Rng(5);
  // sizes that are not multiples of the 4x4 tile, so the padding is exercised
  const dim = 7;
  const q = randomRows(rng, 23, dim);
  const r = randomRows(rng, 37, dim);

  for (const metric of ['cosine', 'euclidean'] as const) {
    it(`matches a brute-force ranking (${metric})`, () => {
      const n = nearestNeighbours(q, r, dim, 5, { metric });
      const want = bruteForce(q, r, dim, 5, metric);
      expect(n.k).toBe(5);
      for (let i = 0; i < 23; i++) {
        expect(Array.from(n.index.subarray(i * 5, i * 5 + 5))).toEqual(want[i].map((w) => w.j));
        want[i].forEach((w, j) => expect(n.distance[i * 5 + j]).toBeCloseTo(w.d, 5));
      }
    });
  }

  it('leaves out the excluded reference of each query (leave-one-out)', () => {
    const exclude = Int32Array.from({ length: 23 }, (_, i) => (i % 3 === 0 ? i : -1));
    const n = nearestNeighbours(q, r, dim, 4, { metric: 'euclidean', exclude });
    const want = bruteForce(q, r, dim, 4, 'euclidean', exclude);
    for (let i = 0; i < 23; i++) expect(Array.from(n.index.subarray(i * 4, i * 4 + 4))).toEqual(want[i].map((w) => w.j));
    const self = nearestNeighbours(r, r, dim, 1, { metric: 'euclidean', exclude: Int32Array.from({ length: 37 }, (_, i) => i) });
    for (let i = 0; i < 37; i++) expect(self.index[i]).not.toBe(i);
  });

  it('keeps all references when k exceeds them, and breaks ties by the lower index', () => {
    const refs = Float32Array.from([1, 0, 1, 0, 0, 1]);
    const n = nearestNeighbours(Float32Array.from([1, 0]), refs, 2, 10, { metric: 'cosine' });
    expect(n.k).toBe(3);
    expect(Array.from(n.index)).toEqual([0, 1, 2]);
  });

  it('ranks differently under cosine and Euclidean distance', () => {
    // (10, 1) points the same way as the query but lies far away; (0.5, 0.5) is near but at 45 degrees
    const refs = Float32Array.from([10, 1, 0.5, 0.5]);
    const query = Float32Array.from([1, 0]);
    expect(nearestNeighbours(query, refs, 2, 1, { metric: 'cosine' }).index[0]).toBe(0);
    expect(nearestNeighbours(query, refs, 2, 1, { metric: 'euclidean' }).index[0]).toBe(1);
  });
});

describe('vote', () => {
  /** One query whose neighbours (best first) are the given references. */
  const neighbours = (index: number[], distance: number[]) => ({ queries: 1, k: index.length, index: Int32Array.from(index), distance: Float64Array.from(distance) });
  const uniform = { metric: 'cosine' as const, weighting: 'uniform' as const, balanced: false };

  it('takes the majority, with confidence and agreement as vote shares', () => {
    const labels = Int32Array.from([0, 1, 1, 2]);
    const p = vote(neighbours([0, 1, 2, 3], [0.9, 0.8, 0.7, 0.6]), labels, 3, uniform);
    expect(p.prediction[0]).toBe(1);
    expect(p.confidence[0]).toBeCloseTo(0.5);
    expect(p.agreement[0]).toBeCloseTo(0.5);
  });

  it('gives a tie to the class of the nearest tied neighbour', () => {
    const labels = Int32Array.from([2, 0, 0, 2]);
    expect(vote(neighbours([0, 1, 2, 3], [0.9, 0.8, 0.7, 0.6]), labels, 3, uniform).prediction[0]).toBe(2);
    expect(vote(neighbours([1, 0, 2, 3], [0.9, 0.8, 0.7, 0.6]), labels, 3, uniform).prediction[0]).toBe(0);
  });

  it('class-balanced voting divides each vote by its class frequency and can change the winner', () => {
    // references: class 0 has 8 members, class 1 has 2; the query's 5 neighbours are three 0s and both 1s
    const labels = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    const n = neighbours([0, 8, 1, 9, 2], [0.9, 0.85, 0.8, 0.75, 0.7]);
    const plain = vote(n, labels, 2, uniform);
    expect(plain.prediction[0]).toBe(0);
    const balanced = vote(n, labels, 2, { ...uniform, balanced: true });
    expect(balanced.prediction[0]).toBe(1);
    // votes 3/8 against 2/2
    expect(balanced.confidence[0]).toBeCloseTo(1 / (1 + 3 / 8));
    expect(balanced.agreement[0]).toBeCloseTo(2 / 5);
  });

  it('distance weighting lets one very close neighbour outvote two far ones', () => {
    const labels = Int32Array.from([1, 0, 0]);
    const n = neighbours([0, 1, 2], [0.99, 0.5, 0.5]);
    expect(vote(n, labels, 2, uniform).prediction[0]).toBe(0);
    const weighted = vote(n, labels, 2, { ...uniform, weighting: 'distance' });
    expect(weighted.prediction[0]).toBe(1);
    const w1 = Math.exp(0.99 / 0.07);
    expect(weighted.confidence[0]).toBeCloseTo(w1 / (w1 + 2 * Math.exp(0.5 / 0.07)), 5);
    const euclidean = vote(neighbours([0, 1, 2], [0.1, 1, 1]), labels, 2, { metric: 'euclidean', weighting: 'distance', balanced: false });
    expect(euclidean.prediction[0]).toBe(1);
  });

  it('predicts -1 for a query without neighbours', () => {
    const p = vote({ queries: 1, k: 2, index: Int32Array.from([-1, -1]), distance: new Float64Array(2) }, Int32Array.from([0]), 1, uniform);
    expect(p.prediction[0]).toBe(-1);
  });
});
