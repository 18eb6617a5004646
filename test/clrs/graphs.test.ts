import { describe, expect, it } from 'vitest';
import { GRAPH_ALGORITHMS } from '../../src/clrs/algorithms/graphs.js';
import { articulationPoints } from '../../src/clrs/algorithms/graphs/articulation-points.js';
import { bridges } from '../../src/clrs/algorithms/graphs/bridges.js';
import { dfs } from '../../src/clrs/algorithms/graphs/dfs.js';
import { topologicalSort } from '../../src/clrs/algorithms/graphs/topological-sort.js';
import type { Sample } from '../../src/clrs/sample.js';
import { SPECS } from '../../src/clrs/specs.js';
import { Rng } from '../../src/common/random.js';

const BENCHMARK_ORDER = [
  'dfs',
  'bfs',
  'topological_sort',
  'articulation_points',
  'bridges',
  'strongly_connected_components',
  'mst_kruskal',
  'mst_prim',
  'bellman_ford',
  'dijkstra',
  'dag_shortest_paths',
  'floyd_warshall',
];

/** A matrix from an edge list (undirected edges are given both ways). */
function matrix(n: number, edges: readonly [number, number][], weight = 1): Float64Array {
  const A = new Float64Array(n * n);
  for (const [i, j] of edges) A[i * n + j] = weight;
  return A;
}

function oneHot(m: Float64Array): number {
  return m.indexOf(1);
}

function column(sample: Sample, name: string): number[] {
  return sample.hints[name].map(oneHot);
}

describe('GRAPH_ALGORITHMS', () => {
  it('lists the 12 graph algorithms in the benchmark order, each with a spec in the graphs family', () => {
    expect(GRAPH_ALGORITHMS.map((a) => a.name)).toEqual(BENCHMARK_ORDER);
    for (const a of GRAPH_ALGORITHMS) {
      expect(SPECS[a.name]).toBeDefined();
      expect(a.family).toBe('graphs');
      expect(a.multiplier).toBe(1);
    }
  });

  it('every graph task has the pos, A and adj inputs, and s as a mask_one input exactly where the task has a source', () => {
    const sourced = new Set(['bfs', 'mst_prim', 'bellman_ford', 'dijkstra', 'dag_shortest_paths']);
    for (const name of BENCHMARK_ORDER) {
      const spec = SPECS[name];
      expect(spec.pos).toEqual({ stage: 'input', location: 'node', type: 'scalar' });
      expect(spec.A).toEqual({ stage: 'input', location: 'edge', type: 'scalar' });
      expect(spec.adj).toEqual({ stage: 'input', location: 'edge', type: 'mask' });
      if (sourced.has(name)) expect(spec.s).toEqual({ stage: 'input', location: 'node', type: 'mask_one' });
      else expect(spec.s?.stage).not.toBe('input');
      for (const p of Object.values(spec)) if (p.type === 'categorical') expect(p.categories).toBe(3);
    }
  });

  it('records every probe of the spec, hints of one common length, at several sizes', () => {
    for (const a of GRAPH_ALGORITHMS) {
      for (const n of [4, 5, 16]) {
        const rng = new Rng(100 + n);
        for (let k = 0; k < 5; k++) {
          const sample = a.run(a.sample(n, rng));
          const spec = SPECS[a.name];
          const names = (stage: string) => Object.keys(spec).filter((p) => spec[p].stage === stage).sort();
          expect(Object.keys(sample.inputs).sort()).toEqual(names('input'));
          expect(Object.keys(sample.outputs).sort()).toEqual(names('output'));
          expect(Object.keys(sample.hints).sort()).toEqual(names('hint'));
          for (const h of Object.values(sample.hints)) expect(h.length).toBe(sample.length);
          expect(sample.n).toBe(n);
        }
      }
    }
  });

  it('runs at the test size n = 64', () => {
    for (const a of GRAPH_ALGORITHMS) {
      const sample = a.run(a.sample(64, new Rng(3)));
      expect(sample.n).toBe(64);
      expect(sample.length).toBeGreaterThan(0);
    }
  });

  it('is deterministic for a seed, and another seed gives another graph', () => {
    for (const a of GRAPH_ALGORITHMS) {
      const one = a.run(a.sample(12, new Rng(42)));
      expect(a.run(a.sample(12, new Rng(42)))).toEqual(one);
      expect(a.run(a.sample(12, new Rng(43))).inputs.A).not.toEqual(one.inputs.A);
    }
  });

  it('adj is A with every self-loop added, and pos is i / n', () => {
    for (const a of GRAPH_ALGORITHMS) {
      const sample = a.run(a.sample(9, new Rng(5)));
      const { A, adj, pos } = sample.inputs;
      for (let i = 0; i < 9; i++) {
        expect(pos[i]).toBe(i / 9);
        for (let j = 0; j < 9; j++) expect(adj[i * 9 + j]).toBe(A[i * 9 + j] !== 0 || i === j ? 1 : 0);
      }
    }
  });

  it('rejects a matrix that is not n x n and a source outside the graph', () => {
    expect(() => dfs.run({ n: 3, A: new Float64Array(8) })).toThrow(/n x n/);
    const bfs = GRAPH_ALGORITHMS[1];
    expect(() => bfs.run({ n: 2, A: new Float64Array(4), s: 2 })).toThrow(/source/);
  });
});

describe('hint trajectories traced by hand from graphs.py', () => {
  it('dfs on 0 -> 1: root, discover, tree edge, discover, finish, finish; v keeps the scan loop value', () => {
    const sample = dfs.run({ n: 2, A: matrix(2, [[0, 1]]) });
    expect(sample.length).toBe(6);
    expect(column(sample, 'u')).toEqual([0, 0, 0, 1, 1, 0]);
    expect(column(sample, 'v')).toEqual([0, 0, 1, 1, 1, 1]);
    expect(column(sample, 's_last')).toEqual([0, 0, 1, 1, 1, 0]);
    expect(column(sample, 's')).toEqual([0, 0, 0, 0, 0, 0]);
    expect(sample.hints.color.map((c) => [...c])).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [1, 1],
      [1, 2],
      [2, 2],
    ]);
    expect(sample.hints.time.map((t) => t[0])).toEqual([0, 0.01, 0.01, 0.02, 0.03, 0.04]);
    expect([...sample.hints.s_prev[2]]).toEqual([0, 0]);
    expect([...sample.hints.s_prev[5]]).toEqual([0, 1]);
    expect([...sample.hints.d[5]]).toEqual([0.01, 0.02]);
    expect([...sample.hints.f[5]]).toEqual([0.04, 0.03]);
    expect([...sample.outputs.pi]).toEqual([0, 0]);
  });

  it('articulation_points on the edge 0-1: the rescan of 0 pushes the finished child, the finish hint has v = n - 1', () => {
    const sample = articulationPoints.run({ n: 2, A: matrix(2, [[0, 1], [1, 0]]) });
    expect(sample.length).toBe(7);
    expect(column(sample, 'u')).toEqual([0, 0, 0, 1, 1, 0, 0]);
    expect(column(sample, 'v')).toEqual([0, 0, 1, 1, 1, 1, 1]);
    expect(sample.hints.child_cnt[6][0]).toBe(0.01);
    expect([...sample.hints.low[6]]).toEqual([0.01, 0.02]);
    expect([...sample.outputs.is_cut]).toEqual([0, 0]);
  });

  it('articulation_points on the path 0-1-2 marks the middle node; a self-loop on it adds hints but changes nothing', () => {
    const path: [number, number][] = [[0, 1], [1, 0], [1, 2], [2, 1]];
    const plain = articulationPoints.run({ n: 3, A: matrix(3, path) });
    const looped = articulationPoints.run({ n: 3, A: matrix(3, [...path, [1, 1]]) });
    expect([...plain.outputs.is_cut]).toEqual([0, 1, 0]);
    expect([...looped.outputs.is_cut]).toEqual([0, 1, 0]);
    expect(looped.length).toBeGreaterThan(plain.length);
  });

  it('bridges marks both directions of a bridge and leaves non-edges and self-loops at 0', () => {
    const A = matrix(4, [[0, 1], [1, 0], [1, 2], [2, 1], [2, 0], [0, 2], [2, 3], [3, 2], [3, 3]]);
    const sample = bridges.run({ n: 4, A });
    const isBridge = sample.outputs.is_bridge;
    const marked: [number, number][] = [];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (isBridge[i * 4 + j] === 1) marked.push([i, j]);
    expect(marked).toEqual([
      [2, 3],
      [3, 2],
    ]);
  });

  it('topological_sort: only roots get a discovery hint, so a chain 0 -> 1 -> 2 takes 2n + 1 steps', () => {
    const sample = topologicalSort.run({ n: 3, A: matrix(3, [[0, 1], [1, 2]]) });
    expect(sample.length).toBe(7);
    expect([...sample.outputs.topo]).toEqual([1, 2, 2]);
    expect(oneHot(sample.outputs.topo_head)).toBe(0);
  });
});
