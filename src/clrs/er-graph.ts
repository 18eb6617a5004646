/**
 * The CLRS benchmark's random graphs (google-deepmind/clrs `samplers.py`, `Sampler._random_er_graph` and
 * `_random_community_graph`; method note hint-relic-clrs.md §2.4), quirks included:
 * - every entry, the diagonal too, starts as a Bernoulli(p) draw, so graphs carry self-loops with probability p;
 * - undirected: the matrix is multiplied elementwise by its transpose, so an edge i-j (i != j) exists with
 *   probability p^2 while a self-loop keeps p;
 * - directed acyclic: the strict upper triangle, then a random relabelling of the nodes;
 * - weighted: w ~ U[low, high) per entry; undirected weights are sqrt(w_ij * w_ji + 1e-3) (symmetric, never 0).
 *
 * Matrices are n x n, row-major (entry i * n + j is the edge i -> j), as edge probes are. Draws come from our
 * `Rng`, so the graphs follow the benchmark's distribution, not numpy's exact stream; the order of the draws
 * (edges, then the permutation, then the weights) mirrors the reference all the same.
 */
import type { Rng } from '../common/random.js';

export interface ErGraphOptions {
  readonly p: number;
  readonly directed: boolean;
  readonly acyclic: boolean;
  readonly weighted: boolean;
  readonly low?: number;
  readonly high?: number;
}

/** `p` of each graph sampler's default kwargs (samplers.py; the official dataset uses these). */
export const DEFAULT_EDGE_PROBABILITY: Readonly<Record<string, number>> = {
  dfs: 0.5,
  bfs: 0.5,
  topological_sort: 0.5,
  articulation_points: 0.2,
  bridges: 0.2,
  strongly_connected_components: 0.5,
  // MSTSampler: "lower p to account for class imbalance".
  mst_kruskal: 0.2,
  mst_prim: 0.5,
  bellman_ford: 0.5,
  dijkstra: 0.5,
  dag_shortest_paths: 0.5,
  floyd_warshall: 0.5,
};

/** `_random_er_graph(nb_nodes, p, directed, acyclic, weighted, low, high)`. */
export function randomErGraph(n: number, opts: ErGraphOptions, rng: Rng): Float64Array {
  const { p, directed, acyclic, weighted } = opts;
  const low = opts.low ?? 0;
  const high = opts.high ?? 1;
  let mat: Float64Array = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) mat[i] = rng.uniform() < p ? 1 : 0;
  if (!directed) {
    const sym = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sym[i * n + j] = mat[i * n + j] * mat[j * n + i];
    mat = sym;
  } else if (acyclic) {
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) mat[i * n + j] = 0;
    mat = permuteNodes(mat, n, permutation(n, rng));
  }
  if (weighted) {
    const w = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) w[i] = rng.range(low, high);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const weight = directed ? w[i * n + j] : Math.sqrt(w[i * n + j] * w[j * n + i] + 1e-3);
        mat[i * n + j] *= weight;
      }
    }
  }
  return mat;
}

export interface CommunityGraphOptions extends ErGraphOptions {
  /** Number of communities (4 by default in the SCC sampler). */
  readonly k: number;
  /** Probability of toggling an entry (0.01 by default in the SCC sampler). */
  readonly eps: number;
}

/**
 * `_random_community_graph`: k ER blocks on consecutive node ranges (the last block takes the remainder), then a
 * sparse ER "toggle" graph with p = eps XOR-ed onto the matrix everywhere except from a later block into an
 * earlier one, so cross-block edges all point forward and cannot merge blocks into one cycle; finally a random
 * node relabelling.
 */
export function randomCommunityGraph(n: number, opts: CommunityGraphOptions, rng: Rng): Float64Array {
  const { k, eps } = opts;
  if (k > n) throw new Error(`cannot generate a graph of ${n} nodes with ${k} communities`);
  const mat = new Float64Array(n * n);
  const los: number[] = [];
  const his: number[] = [];
  let lo = 0;
  for (let b = 0; b < k; b++) {
    const hi = b === k - 1 ? n : lo + Math.floor(n / k);
    const m = hi - lo;
    const block = randomErGraph(m, opts, rng);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) mat[(lo + i) * n + lo + j] = block[i * m + j];
    los.push(lo);
    his.push(hi);
    lo = hi;
  }
  const toggle = randomErGraph(n, { ...opts, p: eps }, rng);
  for (let bi = 0; bi < k; bi++) {
    for (let bj = 0; bj < bi; bj++) {
      for (let i = los[bi]; i < his[bi]; i++) for (let j = los[bj]; j < his[bj]; j++) toggle[i * n + j] = 0;
    }
  }
  for (let i = 0; i < n * n; i++) if (toggle[i] > 0) mat[i] = (1 - (mat[i] > 0 ? 1 : 0)) * toggle[i];
  return permuteNodes(mat, n, permutation(n, rng));
}

/** numpy `rng.permutation(n)`. */
function permutation(n: number, rng: Rng): number[] {
  return rng.shuffle(Array.from({ length: n }, (_, i) => i));
}

/** `mat[perm, :][:, perm]`: new node i is old node perm[i]. */
function permuteNodes(mat: Float64Array, n: number, perm: readonly number[]): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = mat[perm[i] * n + perm[j]];
  return out;
}
