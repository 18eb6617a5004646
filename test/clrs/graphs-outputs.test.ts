/**
 * The graph executors' outputs and hint counts against oracles written independently of them (recursive DFS,
 * queue BFS, union-find, brute-force removal, transitive closure, textbook Floyd-Warshall, brute-force MST).
 */
import { describe, expect, it } from 'vitest';
import { articulationPoints } from '../../src/clrs/algorithms/graphs/articulation-points.js';
import { bellmanFord } from '../../src/clrs/algorithms/graphs/bellman-ford.js';
import { bfs } from '../../src/clrs/algorithms/graphs/bfs.js';
import { bridges } from '../../src/clrs/algorithms/graphs/bridges.js';
import { dagShortestPaths } from '../../src/clrs/algorithms/graphs/dag-shortest-paths.js';
import { dfs } from '../../src/clrs/algorithms/graphs/dfs.js';
import { dijkstra } from '../../src/clrs/algorithms/graphs/dijkstra.js';
import { floydWarshall } from '../../src/clrs/algorithms/graphs/floyd-warshall.js';
import type { GraphInput, SourcedGraphInput } from '../../src/clrs/algorithms/graphs/graph-probes.js';
import { mstKruskal } from '../../src/clrs/algorithms/graphs/mst-kruskal.js';
import { mstPrim } from '../../src/clrs/algorithms/graphs/mst-prim.js';
import { stronglyConnectedComponents } from '../../src/clrs/algorithms/graphs/strongly-connected-components.js';
import { topologicalSort } from '../../src/clrs/algorithms/graphs/topological-sort.js';
import type { ClrsAlgorithm } from '../../src/clrs/algorithm.js';
import { Rng } from '../../src/common/random.js';

// ---- oracles -------------------------------------------------------------------------------------------------

const edge = (g: GraphInput, i: number, j: number): number => g.A[i * g.n + j];

/** Hop distances from s (Infinity where unreachable), by a FIFO queue. */
function hopDistances(g: GraphInput, s: number): number[] {
  const dist = new Array<number>(g.n).fill(Infinity);
  dist[s] = 0;
  const queue = [s];
  for (let q = 0; q < queue.length; q++) {
    const u = queue[q];
    for (let v = 0; v < g.n; v++) {
      if (edge(g, u, v) !== 0 && dist[v] === Infinity) {
        dist[v] = dist[u] + 1;
        queue.push(v);
      }
    }
  }
  return dist;
}

/** reach[i][j]: j reachable from i (every node reaches itself). */
function closure(g: GraphInput): boolean[][] {
  return Array.from({ length: g.n }, (_, i) => hopDistances(g, i).map((d) => d < Infinity));
}

/** Connected components of an undirected graph, ignoring node `skip` and the edge skipEdge (both directions). */
function components(g: GraphInput, skip = -1, skipEdge: [number, number] = [-1, -1]): number {
  const parent = Array.from({ length: g.n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (let i = 0; i < g.n; i++) {
    for (let j = 0; j < g.n; j++) {
      if (i === skip || j === skip || edge(g, i, j) === 0) continue;
      if ((i === skipEdge[0] && j === skipEdge[1]) || (i === skipEdge[1] && j === skipEdge[0])) continue;
      parent[find(i)] = find(j);
    }
  }
  let count = 0;
  for (let i = 0; i < g.n; i++) if (i !== skip && find(i) === i) count++;
  return count;
}

/** Textbook all-pairs shortest path lengths with Infinity for "no path"; the diagonal is 0. */
function allPairs(g: GraphInput): number[][] {
  const D = Array.from({ length: g.n }, (_, i) =>
    Array.from({ length: g.n }, (_, j) => (i === j ? 0 : edge(g, i, j) !== 0 ? edge(g, i, j) : Infinity)),
  );
  for (let k = 0; k < g.n; k++) for (let i = 0; i < g.n; i++) for (let j = 0; j < g.n; j++) D[i][j] = Math.min(D[i][j], D[i][k] + D[k][j]);
  return D;
}

/** Follows predecessor pointers from v back to s; returns the path weight, or NaN if it does not reach s. */
function pathWeight(g: GraphInput, pred: (v: number) => number, s: number, v: number): number {
  let total = 0;
  for (let steps = 0; v !== s; steps++) {
    const p = pred(v);
    if (steps > g.n || p === v || edge(g, p, v) === 0) return NaN;
    total += edge(g, p, v);
    v = p;
  }
  return total;
}

/** Minimum spanning forest weight by trying every edge subset (small graphs only). */
function bruteForceMsfWeight(g: GraphInput): number {
  const edges: [number, number, number][] = [];
  for (let i = 0; i < g.n; i++) for (let j = i + 1; j < g.n; j++) if (edge(g, i, j) !== 0) edges.push([i, j, edge(g, i, j)]);
  const need = g.n - components(g);
  let best = Infinity;
  for (let mask = 0; mask < 1 << edges.length; mask++) {
    let bits = 0;
    for (let m = mask; m; m &= m - 1) bits++;
    if (bits !== need) continue;
    const sub: GraphInput = { n: g.n, A: new Float64Array(g.n * g.n) };
    let w = 0;
    edges.forEach(([i, j, x], e) => {
      if (mask & (1 << e)) {
        sub.A[i * g.n + j] = x;
        sub.A[j * g.n + i] = x;
        w += x;
      }
    });
    if (components(sub) === components(g)) best = Math.min(best, w);
  }
  return best;
}

/** Recursive DFS, roots and neighbours in index order: the reference's pi, and its roots. */
function recursiveDfs(g: GraphInput): { pi: number[]; roots: number[]; d: number[]; f: number[] } {
  const pi = Array.from({ length: g.n }, (_, i) => i);
  const seen = new Array<boolean>(g.n).fill(false);
  const d = new Array<number>(g.n).fill(0);
  const f = new Array<number>(g.n).fill(0);
  const roots: number[] = [];
  let time = 0;
  const visit = (u: number): void => {
    seen[u] = true;
    d[u] = ++time;
    for (let v = 0; v < g.n; v++) {
      if (edge(g, u, v) !== 0 && !seen[v]) {
        pi[v] = u;
        visit(v);
      }
    }
    f[u] = ++time;
  };
  for (let s = 0; s < g.n; s++) {
    if (!seen[s]) {
      roots.push(s);
      visit(s);
    }
  }
  return { pi, roots, d, f };
}

function draws<I>(alg: ClrsAlgorithm<I>, n: number, count: number, seed: number): I[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => alg.sample(n, rng));
}

const last = (hints: readonly Float64Array[]): number[] => [...hints[hints.length - 1]];

// ---- tests ---------------------------------------------------------------------------------------------------

describe('dfs', () => {
  it('gives the recursive DFS forest (roots and neighbours in index order), its times and 3n hints', () => {
    for (const g of draws(dfs, 16, 40, 1)) {
      const sample = dfs.run(g);
      const ref = recursiveDfs(g);
      expect([...sample.outputs.pi]).toEqual(ref.pi);
      expect(last(sample.hints.pi_h)).toEqual(ref.pi);
      expect(last(sample.hints.d).map((x) => Math.round(x * 100))).toEqual(ref.d);
      expect(last(sample.hints.f).map((x) => Math.round(x * 100))).toEqual(ref.f);
      expect(sample.length).toBe(3 * g.n);
    }
  });

  it('parent pointers form a forest whose trees are exactly what each root reaches through unvisited nodes', () => {
    for (const g of draws(dfs, 12, 30, 2)) {
      const pi = [...dfs.run(g).outputs.pi];
      const rootOf = (v: number): number => {
        for (let steps = 0; pi[v] !== v; steps++) {
          expect(steps).toBeLessThan(g.n);
          expect(edge(g, pi[v], v)).not.toBe(0);
          v = pi[v];
        }
        return v;
      };
      const visited = new Set<number>();
      for (let r = 0; r < g.n; r++) {
        if (visited.has(r)) continue;
        const allowed: GraphInput = { n: g.n, A: g.A.map((x, k) => (visited.has(Math.floor(k / g.n)) || visited.has(k % g.n) ? 0 : x)) };
        const reach = hopDistances(allowed, r);
        for (let v = 0; v < g.n; v++) {
          if (reach[v] < Infinity) {
            expect(rootOf(v)).toBe(r);
            visited.add(v);
          }
        }
      }
    }
  });
});

describe('bfs', () => {
  it('parents are lowest-index neighbours one hop closer, exactly the reachable set has a tree, hints = eccentricity + 1', () => {
    for (const g of draws(bfs, 16, 60, 3)) {
      const sample = bfs.run(g);
      const pi = [...sample.outputs.pi];
      const dist = hopDistances(g, g.s);
      for (let v = 0; v < g.n; v++) {
        if (v === g.s || dist[v] === Infinity) {
          expect(pi[v]).toBe(v);
        } else {
          const closer = Array.from({ length: g.n }, (_, u) => u).filter((u) => edge(g, u, v) !== 0 && dist[u] === dist[v] - 1);
          expect(pi[v]).toBe(closer[0]);
        }
      }
      const ecc = Math.max(...dist.filter((d) => d < Infinity));
      expect(sample.length).toBe(ecc + 1);
      expect(last(sample.hints.pi_h)).toEqual(pi);
      expect(last(sample.hints.reach_h)).toEqual(dist.map((d) => (d < Infinity ? 1 : 0)));
      // Round t's reach_h is the set within t - 1 hops.
      sample.hints.reach_h.forEach((reach, t) => expect([...reach]).toEqual(dist.map((d) => (d <= t ? 1 : 0))));
    }
  });

  it('averages about 4 hints at n = 16 under the default p = 0.5 (undirected edge probability 0.25)', () => {
    const lengths = draws(bfs, 16, 200, 4).map((g) => bfs.run(g).length);
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    expect(mean).toBeGreaterThan(3.5);
    expect(mean).toBeLessThan(5);
  });
});

describe('topological_sort', () => {
  it('lists every node once, every edge forward, with 2n + #roots hints', () => {
    for (const g of draws(topologicalSort, 16, 40, 5)) {
      const sample = topologicalSort.run(g);
      const topo = [...sample.outputs.topo];
      const order = [sample.outputs.topo_head.indexOf(1)];
      while (topo[order[order.length - 1]] !== order[order.length - 1]) order.push(topo[order[order.length - 1]]);
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: g.n }, (_, i) => i));
      const position = new Map(order.map((v, k) => [v, k]));
      for (let i = 0; i < g.n; i++) for (let j = 0; j < g.n; j++) if (edge(g, i, j) !== 0) expect(position.get(i)!).toBeLessThan(position.get(j)!);
      expect(sample.length).toBe(2 * g.n + recursiveDfs(g).roots.length);
    }
  });
});

describe('articulation_points and bridges', () => {
  it('cut nodes are exactly those whose removal adds a component', () => {
    let cuts = 0;
    for (const g of draws(articulationPoints, 16, 60, 6)) {
      const sample = articulationPoints.run(g);
      const base = components(g);
      const expected = Array.from({ length: g.n }, (_, v) => (components(g, v) > base ? 1 : 0));
      expect([...sample.outputs.is_cut]).toEqual(expected);
      expect(last(sample.hints.is_cut_h)).toEqual(expected);
      expect(sample.length).toBeGreaterThanOrEqual(3 * g.n);
      cuts += expected.reduce((a, b) => a + b, 0);
    }
    expect(cuts).toBeGreaterThan(0);
  });

  it('bridges are exactly the edges whose removal adds a component, marked both ways', () => {
    let found = 0;
    for (const g of draws(bridges, 16, 60, 7)) {
      const isBridge = bridges.run(g).outputs.is_bridge;
      const base = components(g);
      for (let i = 0; i < g.n; i++) {
        for (let j = 0; j < g.n; j++) {
          const expected = i !== j && edge(g, i, j) !== 0 && components(g, -1, [i, j]) > base ? 1 : 0;
          expect(isBridge[i * g.n + j]).toBe(expected);
          found += expected;
        }
      }
    }
    expect(found).toBeGreaterThan(0);
  });
});

describe('strongly_connected_components', () => {
  it('ids agree with mutual reachability, each id is a member of its component, hints = 5n + #SCCs', () => {
    for (const g of draws(stronglyConnectedComponents, 16, 40, 8)) {
      const sample = stronglyConnectedComponents.run(g);
      const id = [...sample.outputs.scc_id];
      const reach = closure(g);
      for (let u = 0; u < g.n; u++) {
        expect(id[id[u]]).toBe(id[u]);
        for (let v = 0; v < g.n; v++) expect(id[u] === id[v]).toBe(reach[u][v] && reach[v][u]);
      }
      const count = new Set(id).size;
      expect(count).toBeGreaterThanOrEqual(4);
      expect(sample.length).toBe(5 * g.n + count);
    }
  });
});

describe('minimum spanning trees', () => {
  const weightOf = (g: GraphInput, inMst: Float64Array): number => {
    let w = 0;
    for (let i = 0; i < g.n; i++) for (let j = i + 1; j < g.n; j++) if (inMst[i * g.n + j] === 1) w += edge(g, i, j);
    return w;
  };

  it('Kruskal marks a symmetric spanning forest of brute-force minimum weight (small graphs)', () => {
    const rng = new Rng(9);
    for (let k = 0; k < 40; k++) {
      const n = 4 + (k % 3);
      const g = mstKruskal.sample(n, rng);
      const sample = mstKruskal.run(g);
      const inMst = sample.outputs.in_mst;
      const forest: GraphInput = { n, A: g.A.map((x, e) => (inMst[e] === 1 ? x : 0)) };
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(inMst[i * n + j]).toBe(inMst[j * n + i]);
      expect(components(forest)).toBe(components(g));
      expect(weightOf(g, inMst)).toBeCloseTo(bruteForceMsfWeight(g), 12);
    }
  });

  it('Prim and Kruskal agree on the source component, against a brute force on small graphs', () => {
    const rng = new Rng(10);
    for (let k = 0; k < 40; k++) {
      const n = k < 20 ? 5 : 16;
      const g = mstPrim.sample(n, rng);
      const sample = mstPrim.run(g);
      const pi = [...sample.outputs.pi];
      const component = hopDistances(g, g.s).map((d) => d < Infinity);
      let primWeight = 0;
      for (let v = 0; v < n; v++) {
        if (!component[v] || v === g.s) {
          expect(pi[v]).toBe(v);
        } else {
          expect(Number.isNaN(pathWeight(g, (x) => pi[x], g.s, v))).toBe(false);
          primWeight += edge(g, pi[v], v);
        }
      }
      const inMst = mstKruskal.run({ n, A: g.A }).outputs.in_mst;
      let kruskalWeight = 0;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (inMst[i * n + j] === 1 && component[i]) kruskalWeight += edge(g, i, j);
      expect(primWeight).toBeCloseTo(kruskalWeight, 12);
      if (n <= 6) {
        const sub: GraphInput = { n, A: g.A.map((x, e) => (component[Math.floor(e / n)] ? x : 0)) };
        expect(primWeight).toBeCloseTo(bruteForceMsfWeight(sub), 12);
      }
      expect(sample.length).toBe(1 + component.filter(Boolean).length);
      expect(last(sample.hints.pi_h)).toEqual(pi);
    }
  });

  it('Kruskal pushes 1 + 2 per edge + the union-find walks', () => {
    for (const g of draws(mstKruskal, 16, 20, 11)) {
      let edges = 0;
      for (let i = 0; i < g.n; i++) for (let j = i + 1; j < g.n; j++) if (edge(g, i, j) > 0) edges++;
      const sample = mstKruskal.run(g);
      expect(sample.length).toBeGreaterThanOrEqual(1 + 2 * edges);
      expect(sample.length).toBeLessThanOrEqual(1 + 2 * edges * g.n);
    }
  });
});

describe('shortest paths', () => {
  const checkSingleSource = (g: SourcedGraphInput, pi: number[]): number[] => {
    const D = allPairs(g);
    for (let v = 0; v < g.n; v++) {
      if (v === g.s || D[g.s][v] === Infinity) expect(pi[v]).toBe(v);
      else expect(pathWeight(g, (x) => pi[x], g.s, v)).toBeCloseTo(D[g.s][v], 12);
    }
    return D[g.s];
  };

  it('Dijkstra: pointer paths are shortest, hints = 1 + |reachable|', () => {
    for (const g of draws(dijkstra, 16, 40, 12)) {
      const sample = dijkstra.run(g);
      const dist = checkSingleSource(g, [...sample.outputs.pi]);
      expect(sample.length).toBe(1 + dist.filter((d) => d < Infinity).length);
      expect(last(sample.hints.pi_h)).toEqual([...sample.outputs.pi]);
      const d = last(sample.hints.d);
      dist.forEach((x, v) => expect(d[v]).toBeCloseTo(x === Infinity ? 0 : x, 12));
    }
  });

  it('Bellman-Ford: pointer paths are shortest, hints = 1 + the most edges any shortest path needs', () => {
    for (const g of draws(bellmanFord, 16, 40, 13)) {
      const sample = bellmanFord.run(g);
      const dist = checkSingleSource(g, [...sample.outputs.pi]);
      // Fewest edges on a shortest path, by BFS over the tight edges (dist[u] + w = dist[v]).
      const tight: GraphInput = {
        n: g.n,
        A: g.A.map((w, e) => (w !== 0 && Math.abs(dist[Math.floor(e / g.n)] + w - dist[e % g.n]) < 1e-12 ? 1 : 0)),
      };
      const hops = hopDistances(tight, g.s).filter((h) => h < Infinity);
      expect(sample.length).toBe(1 + Math.max(...hops));
      expect(last(sample.hints.pi_h)).toEqual([...sample.outputs.pi]);
    }
  });

  it('DAG shortest paths: pointer paths are shortest, hints = 3r + 1 for r reachable nodes', () => {
    for (const g of draws(dagShortestPaths, 16, 40, 14)) {
      const sample = dagShortestPaths.run(g);
      const dist = checkSingleSource(g, [...sample.outputs.pi]);
      const r = dist.filter((d) => d < Infinity).length;
      expect(sample.length).toBe(3 * r + 1);
      expect(last(sample.hints.mark)).toEqual(dist.map((d) => (d < Infinity ? 1 : 0)));
    }
  });

  it('Floyd-Warshall: Pi paths are shortest for every pair, unreachable pairs point at their start, n hints', () => {
    for (const g of draws(floydWarshall, 12, 30, 15)) {
      const sample = floydWarshall.run(g);
      const Pi = sample.outputs.Pi;
      const D = allPairs(g);
      for (let i = 0; i < g.n; i++) {
        for (let j = 0; j < g.n; j++) {
          if (i === j) continue;
          if (D[i][j] === Infinity) expect(Pi[i * g.n + j]).toBe(i);
          else expect(pathWeight(g, (x) => Pi[i * g.n + x], i, j)).toBeCloseTo(D[i][j], 12);
        }
      }
      expect(sample.length).toBe(g.n);
      expect(sample.hints.k.map((k) => k.indexOf(1))).toEqual(Array.from({ length: g.n }, (_, k) => k));
    }
  });
});
