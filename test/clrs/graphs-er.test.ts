import { describe, expect, it } from 'vitest';
import { DEFAULT_EDGE_PROBABILITY, randomCommunityGraph, randomErGraph } from '../../src/clrs/er-graph.js';
import { GRAPH_ALGORITHMS } from '../../src/clrs/algorithms/graphs.js';
import { Rng } from '../../src/common/random.js';

const N = 16;

function frequencies(draws: number, make: (rng: Rng) => Float64Array): { offDiagonal: number; diagonal: number } {
  const rng = new Rng(1);
  let off = 0;
  let diag = 0;
  for (let t = 0; t < draws; t++) {
    const A = make(rng);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (A[i * N + j] !== 0) (i === j ? diag++ : off++);
  }
  return { offDiagonal: off / (draws * N * (N - 1)), diagonal: diag / (draws * N) };
}

function isAcyclic(A: Float64Array, n: number): boolean {
  const indegree = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (A[i * n + j] !== 0) indegree[j]++;
  const ready = indegree.flatMap((d, i) => (d === 0 ? [i] : []));
  let removed = 0;
  while (ready.length > 0) {
    const u = ready.pop()!;
    removed++;
    for (let v = 0; v < n; v++) if (A[u * n + v] !== 0 && --indegree[v] === 0) ready.push(v);
  }
  return removed === n;
}

describe('randomErGraph', () => {
  it('undirected: symmetric, an edge with probability p^2, a self-loop with probability p', () => {
    for (const p of [0.5, 0.2]) {
      const { offDiagonal, diagonal } = frequencies(400, (rng) => {
        const A = randomErGraph(N, { p, directed: false, acyclic: false, weighted: false }, rng);
        let asymmetric = 0;
        for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (A[i * N + j] !== A[j * N + i]) asymmetric++;
        expect(asymmetric).toBe(0);
        return A;
      });
      expect(Math.abs(offDiagonal - p * p)).toBeLessThan(0.01);
      expect(Math.abs(diagonal - p)).toBeLessThan(0.03);
    }
  });

  it('directed: every entry, the diagonal too, with probability p', () => {
    const { offDiagonal, diagonal } = frequencies(400, (rng) => randomErGraph(N, { p: 0.5, directed: true, acyclic: false, weighted: false }, rng));
    expect(Math.abs(offDiagonal - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(diagonal - 0.5)).toBeLessThan(0.03);
  });

  it('directed acyclic: no cycle, no self-loop, each node pair joined one way with probability p, relabelled', () => {
    let forwardInIndexOrder = 0;
    let edges = 0;
    const { offDiagonal, diagonal } = frequencies(400, (rng) => {
      const A = randomErGraph(N, { p: 0.5, directed: true, acyclic: true, weighted: false }, rng);
      expect(isAcyclic(A, N)).toBe(true);
      for (let i = 0; i < N; i++) {
        for (let j = i + 1; j < N; j++) {
          if (A[i * N + j] !== 0) forwardInIndexOrder++;
          if (A[i * N + j] !== 0 || A[j * N + i] !== 0) edges++;
        }
      }
      return A;
    });
    expect(diagonal).toBe(0);
    // Half the ordered pairs, each pair with probability p.
    expect(Math.abs(offDiagonal - 0.25)).toBeLessThan(0.01);
    // The permutation makes both directions (in index order) equally likely.
    expect(Math.abs(forwardInIndexOrder / edges - 0.5)).toBeLessThan(0.02);
  });

  it('weighted undirected: symmetric weights sqrt(w_ij * w_ji + 1e-3), so never below sqrt(1e-3); directed: raw U[low, high)', () => {
    const rng = new Rng(2);
    let sum = 0;
    let count = 0;
    for (let t = 0; t < 100; t++) {
      const A = randomErGraph(N, { p: 0.5, directed: false, acyclic: false, weighted: true }, rng);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < N; j++) {
          const w = A[i * N + j];
          expect(w).toBe(A[j * N + i]);
          if (w === 0) continue;
          expect(w).toBeGreaterThanOrEqual(Math.sqrt(1e-3));
          expect(w).toBeLessThan(Math.sqrt(1 + 1e-3));
          if (i !== j) {
            sum += w;
            count++;
          }
        }
      }
    }
    // E[sqrt(U1 U2)] = (2/3)^2 = 4/9 for two independent uniforms (the 1e-3 adds a little).
    expect(Math.abs(sum / count - 4 / 9)).toBeLessThan(0.02);
    const D = randomErGraph(N, { p: 0.5, directed: true, acyclic: true, weighted: true, low: 2, high: 3 }, rng);
    for (const w of D) if (w !== 0) expect(w >= 2 && w < 3).toBe(true);
  });
});

describe('randomCommunityGraph', () => {
  it('throws for more communities than nodes, and never merges the 4 blocks into one cycle', () => {
    expect(() => randomCommunityGraph(3, { k: 4, p: 0.5, eps: 0.01, directed: true, acyclic: false, weighted: false }, new Rng(1))).toThrow();
    const rng = new Rng(3);
    for (let t = 0; t < 50; t++) {
      const A = randomCommunityGraph(N, { k: 4, p: 0.5, eps: 0.3, directed: true, acyclic: false, weighted: false }, rng);
      // Condense: with forward-only cross edges, at least 4 strongly connected components remain.
      const reach = Array.from({ length: N }, (_, i) => {
        const seen = new Array<boolean>(N).fill(false);
        const stack = [i];
        seen[i] = true;
        while (stack.length) {
          const u = stack.pop()!;
          for (let v = 0; v < N; v++) if (A[u * N + v] !== 0 && !seen[v]) stack.push(v), (seen[v] = true);
        }
        return seen;
      });
      const ids = new Set(Array.from({ length: N }, (_, u) => reach[u].findIndex((r, v) => r && reach[v][u])));
      expect(ids.size).toBeGreaterThanOrEqual(4);
    }
  });
});

describe('default edge probabilities', () => {
  it('are 0.2 for articulation_points, bridges and mst_kruskal and 0.5 for the other graph tasks', () => {
    for (const a of GRAPH_ALGORITHMS) {
      expect(DEFAULT_EDGE_PROBABILITY[a.name]).toBe(['articulation_points', 'bridges', 'mst_kruskal'].includes(a.name) ? 0.2 : 0.5);
    }
  });
});
