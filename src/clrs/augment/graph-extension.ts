/**
 * Growing a graph input by added nodes and edges, for the graph rules in graphs.ts. The original edges among the
 * original nodes are kept as they are; a rule says which added edges it allows (`Links`), and each allowed edge is
 * drawn with the algorithm sampler's edge probability and weight distribution (er-graph.ts), so an augmented graph
 * looks like a sample of the benchmark's distribution wherever the rule leaves it free.
 */
import type { Rng } from '../../common/random.js';
import type { Augmentation } from './augmenter.js';
import type { GraphInput } from '../algorithms/graphs/graph-probes.js';

/**
 * Where the added nodes go. 'append': after the originals (indices n..), so scans in index order meet them last.
 * 'before-last': between original n-1 and the others, original n-1 keeping the last index: the DFS family records
 * the scan variable `v` = n-1 after a full scan, and this keeps that hint on an original node.
 */
export type Placement = 'append' | 'before-last';

/** What the sampler of the algorithm draws (er-graph.ts). */
export interface EdgeKind {
  readonly directed: boolean;
  readonly weighted: boolean;
  /** The sampler's Bernoulli p: an undirected edge exists with p^2 (both draws), a self-loop with p. */
  readonly p: number;
}

/** Which added edges a rule allows. Weight bounds: an added edge's weight is drawn above the bound (0: unbounded). */
export interface Links {
  /** The weight bound of edges between original node u and added nodes (u -> added when directed), or null: none. */
  toAdded(u: number): number | null;
  /** Directed graphs: may added nodes have edges into original nodes (any weight)? */
  readonly fromAdded: boolean;
  /** Edges among added nodes: 'any' (self-loops included), or 'forward' (a -> b for a < b only: keeps a DAG). */
  readonly amongAdded: 'any' | 'forward';
  /** The weight of an edge among added nodes; the sampler's when absent. */
  addedWeight?(rng: Rng): number;
}

export interface ExtendedGraph {
  readonly n: number;
  readonly A: Float64Array;
  readonly nodeMap: number[];
  /** The added nodes' indices. */
  readonly added: number[];
}

/** A copy of the n-node graph A with `extra` isolated nodes placed as `placement` says. */
export function extendGraph(A: ArrayLike<number>, n: number, extra: number, placement: Placement): ExtendedGraph {
  const m = n + extra;
  const nodeMap = Array.from({ length: n }, (_, i) => (placement === 'before-last' && i === n - 1 ? m - 1 : i));
  const taken = new Set(nodeMap);
  const added = Array.from({ length: m }, (_, i) => i).filter((i) => !taken.has(i));
  const out = new Float64Array(m * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[nodeMap[i] * m + nodeMap[j]] = A[i * n + j];
  return { n: m, A: out, nodeMap, added };
}

/** The sampler's weight: U(0, 1] directed, sqrt(w1 * w2 + 1e-3) undirected; 1 unweighted. Above `bound` if > 0. */
export function edgeWeight(kind: EdgeKind, rng: Rng, bound = 0): number {
  if (!kind.weighted) return 1;
  if (bound > 0) return bound + (Math.max(1, bound + 0.05) - bound) * (1 - rng.uniform());
  return kind.directed ? 1 - rng.uniform() : Math.sqrt(rng.uniform() * rng.uniform() + 1e-3);
}

function setEdge(g: ExtendedGraph, kind: EdgeKind, i: number, j: number, w: number): void {
  g.A[i * g.n + j] = w;
  if (!kind.directed) g.A[j * g.n + i] = w;
}

/**
 * The original graph plus `extra` added nodes, with every edge `links` allows drawn at the sampler's rate.
 * `s`, where given, is the source node of the original input and is mapped along.
 */
export function extendWithLinks<I extends GraphInput>(input: I, extra: number, placement: Placement, kind: EdgeKind, links: Links, rng: Rng): Augmentation<I> {
  const g = extendGraph(input.A, input.n, extra, placement);
  const pairRate = kind.directed ? kind.p : kind.p * kind.p;
  for (let u = 0; u < input.n; u++) {
    const bound = links.toAdded(u);
    if (bound === null) continue;
    for (const w of g.added) if (rng.uniform() < pairRate) setEdge(g, kind, g.nodeMap[u], w, edgeWeight(kind, rng, bound));
  }
  if (kind.directed && links.fromAdded) {
    for (const w of g.added) for (let u = 0; u < input.n; u++) if (rng.uniform() < pairRate) setEdge(g, kind, w, g.nodeMap[u], edgeWeight(kind, rng));
  }
  const weightAmong = (): number => (links.addedWeight ? links.addedWeight(rng) : edgeWeight(kind, rng));
  for (let a = 0; a < g.added.length; a++) {
    // undirected: each unordered pair once; directed 'any': every ordered pair; 'forward': a < b only
    const first = links.amongAdded === 'forward' ? a + 1 : kind.directed ? 0 : a;
    for (let b = first; b < g.added.length; b++) {
      const rate = a === b ? kind.p : pairRate;
      if (rng.uniform() < rate) setEdge(g, kind, g.added[a], g.added[b], weightAmong());
    }
  }
  const mapped = 's' in input ? { ...input, n: g.n, A: g.A, s: g.nodeMap[(input as I & { s: number }).s] } : { ...input, n: g.n, A: g.A };
  return { input: mapped as I, nodeMap: g.nodeMap };
}
