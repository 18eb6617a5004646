/**
 * The 12 graph algorithms (clrs `graphs.py`, docs/clrs-graphs.md). Every rule adds 1..maxExtra nodes and edges
 * the step cannot read, keeping the original edges as they are; what "cannot read" means is per algorithm below,
 * and docs/clrs-augment.md has the table.
 */
import type { Rng } from '../../common/random.js';
import { DEFAULT_EDGE_PROBABILITY } from '../er-graph.js';
import type { GraphInput, SourcedGraphInput } from '../algorithms/graphs/graph-probes.js';
import type { Sample } from '../sample.js';
import { type Alignment, type Augmenter, extraCount, marked } from './augmenter.js';
import { type EdgeKind, type Links, type Placement, edgeWeight, extendWithLinks } from './graph-extension.js';

function graphOf(sample: Sample): GraphInput {
  return { n: sample.n, A: sample.inputs.A.slice() };
}

function sourcedGraphOf(sample: Sample): SourcedGraphInput {
  return { ...graphOf(sample), s: marked(sample.inputs.s) };
}

const kindOf = (algorithm: string, directed: boolean, weighted: boolean): EdgeKind => ({ directed, weighted, p: DEFAULT_EDGE_PROBABILITY[algorithm] });

interface GraphRule<I extends GraphInput> {
  readonly algorithm: string;
  readonly alignment: Alignment;
  readonly kind: EdgeKind;
  inputOf(sample: Sample): I;
  placement(sample: Sample, t: number): Placement;
  /** The edges allowed for step t; null when the step can take none (not applicable). */
  links(sample: Sample, t: number): Links | null;
}

function graphAugmenter<I extends GraphInput>(rule: GraphRule<I>): Augmenter<I> {
  return {
    algorithm: rule.algorithm,
    alignment: rule.alignment,
    inputOf: rule.inputOf,
    augment(sample, input, t, rng: Rng, { maxExtra }) {
      const links = rule.links(sample, t);
      if (links === null || maxExtra === 0) return null;
      return extendWithLinks(input, extraCount(rng, maxExtra), rule.placement(sample, t), rule.kind, links, rng);
    },
  };
}

/** Undirected graphs: added nodes link to the originals `open` admits, and to each other freely. */
const undirectedLinks = (open: (u: number) => boolean, bound: (u: number) => number = () => 0): Links => ({
  toAdded: (u) => (open(u) ? bound(u) : null),
  fromAdded: false,
  amongAdded: 'any',
});

const append = (): Placement => 'append';

/**
 * The DFS family records `v` = n-1 (the scan variable after a full row) at finishes. When step t or t+1 holds
 * v = n-1, the added nodes go before the last original so that v stays on it; otherwise after all originals, so
 * that they become roots only after the original trajectory has ended. Not when original n-1 is itself a root by
 * hint t+1: added nodes before it would be taken as roots first. Then they are appended, and a step whose `v` is
 * a full scan's n-1 cannot be kept (the oracle rejects it; these are the family's skips).
 */
function scanPlacement(sample: Sample, t: number): Placement {
  const last = sample.n - 1;
  if (marked(sample.hints.s[t + 1]) === last) return 'append';
  return marked(sample.hints.v[t]) === last || marked(sample.hints.v[t + 1]) === last ? 'before-last' : 'append';
}

/** Nodes still white (colour 0) at hint t+1: no scan has read their rows yet. */
const whiteAt = (sample: Sample, t: number) => (u: number): boolean => sample.hints.color[t + 1][u] === 0;

/**
 * Frontier-synchronous searches (bfs, bellman_ford): round t expands from the nodes reached before it (hint t).
 * An added node linked only to originals not yet reached at hint t-1 is at hop distance >= t+1, so it is not
 * expanded in rounds 0..t and no original's distance, parent or reach changes up to hint t+1.
 */
function frontierRule(algorithm: string, weighted: boolean, reached: string): GraphRule<SourcedGraphInput> {
  return {
    algorithm,
    alignment: 'step',
    kind: kindOf(algorithm, false, weighted),
    inputOf: sourcedGraphOf,
    placement: append,
    links: (sample, t) => undirectedLinks((u) => t === 0 || sample.hints[reached][t - 1][u] === 0),
  };
}

/**
 * Stack DFS on a directed graph (dfs, strongly_connected_components phase 0): a node's row is read only once it
 * is on the stack, so edges out of originals still white at hint t+1 are unread, as are all edges out of added
 * nodes (reached only through those).
 */
function dfsLinks(sample: Sample, t: number): Links {
  const white = whiteAt(sample, t);
  return { toAdded: (u) => (white(u) ? 0 : null), fromAdded: true, amongAdded: 'any' };
}

/** Extract-min searches (mst_prim, dijkstra): the largest key (or d) extracted in steps 1..t+1. */
function largestExtracted(sample: Sample, t: number, key: string): number {
  let max = 0;
  for (let k = 1; k <= t + 1; k++) max = Math.max(max, sample.hints[key][k][marked(sample.hints.u[k])]);
  return max;
}

/**
 * mst_prim and dijkstra: an added node enters the queue only through a marked neighbour. Linked to originals
 * unmarked at hint t+1 it never does by then; linked to a marked one, its edge weighs more than any key (d)
 * extracted up to t+1, so it is never the minimum, and an unextracted node relaxes nothing.
 */
function extractMinRule(algorithm: string, key: string): GraphRule<SourcedGraphInput> {
  return {
    algorithm,
    alignment: 'step',
    kind: kindOf(algorithm, false, true),
    inputOf: sourcedGraphOf,
    placement: append,
    links(sample, t) {
      const heavy = largestExtracted(sample, t, key);
      const mark = sample.hints.mark[t + 1];
      return undirectedLinks(() => true, (u) => (mark[u] === 0 ? 0 : heavy));
    },
  };
}

/** The weight of the edge Kruskal processes at hint t (its u, v marks); none at the start hint. */
function kruskalWeight(sample: Sample, t: number): number | null {
  if (t === 0) return null;
  return sample.inputs.A[marked(sample.hints.u[t]) * sample.n + marked(sample.hints.v[t])];
}

const KRUSKAL = kindOf('mst_kruskal', false, true);

const RULES = [
  frontierRule('bfs', false, 'reach_h'),
  {
    algorithm: 'dfs',
    alignment: 'step',
    kind: kindOf('dfs', true, false),
    inputOf: graphOf,
    placement: scanPlacement,
    links: dfsLinks,
  } satisfies GraphRule<GraphInput>,
  /** As dfs, but the graph must stay a DAG: added nodes take edges from white originals and point forward only. */
  {
    algorithm: 'topological_sort',
    alignment: 'step',
    kind: kindOf('topological_sort', true, false),
    inputOf: graphOf,
    placement: scanPlacement,
    links: (sample, t) => ({ toAdded: (u) => (whiteAt(sample, t)(u) ? 0 : null), fromAdded: false, amongAdded: 'forward' }),
  } satisfies GraphRule<GraphInput>,
  /** Undirected stack DFS: an edge u-w is in u's row and w's; u white at t+1 is unread, w is unvisited by then. */
  ...['articulation_points', 'bridges'].map(
    (algorithm): GraphRule<GraphInput> => ({
      algorithm,
      alignment: 'step',
      kind: kindOf(algorithm, false, false),
      inputOf: graphOf,
      placement: scanPlacement,
      links: (sample, t) => undirectedLinks(whiteAt(sample, t)),
    }),
  ),
  /**
   * Phase 0 as dfs. Phase 1 is not applicable: by then phase 0 has visited the added nodes, which moved the
   * global `time`, hence every later d and f, and every edge has been read.
   */
  {
    algorithm: 'strongly_connected_components',
    alignment: 'step',
    kind: kindOf('strongly_connected_components', true, false),
    inputOf: graphOf,
    placement: scanPlacement,
    links: (sample, t) => (sample.hints.phase[t + 1][0] === 0 ? dfsLinks(sample, t) : null),
  } satisfies GraphRule<GraphInput>,
  /**
   * Kruskal processes every edge by increasing weight, so added edges insert union steps of their own ('state').
   * Edges touching an original weigh more than the edge at hint t+1 (processed after it); edges among added
   * nodes either that or lighter than the edge at hint t (processed before it, touching only added nodes).
   */
  {
    algorithm: 'mst_kruskal',
    alignment: 'state',
    kind: KRUSKAL,
    inputOf: graphOf,
    placement: append,
    links(sample, t) {
      const next = kruskalWeight(sample, t + 1)!;
      const now = kruskalWeight(sample, t);
      return {
        toAdded: () => next,
        fromAdded: false,
        amongAdded: 'any',
        addedWeight: (rng) => (now !== null && rng.uniform() < 0.5 ? now * (1 - rng.uniform()) : edgeWeight(KRUSKAL, rng, next)),
      };
    },
  } satisfies GraphRule<GraphInput>,
  extractMinRule('mst_prim', 'key'),
  frontierRule('bellman_ford', true, 'msk'),
  extractMinRule('dijkstra', 'd'),
  /**
   * The DFS runs from s only and phase 1 relaxes from the nodes it reached. Added nodes get edges out (to any
   * original, and forward among themselves) but none in, so they stay unreachable and unread. Placed before the
   * last original: phase 1 keeps the DFS's last `v`, usually n-1.
   */
  {
    algorithm: 'dag_shortest_paths',
    alignment: 'step',
    kind: kindOf('dag_shortest_paths', true, true),
    inputOf: sourcedGraphOf,
    placement: () => 'before-last',
    links: () => ({ toAdded: () => null, fromAdded: true, amongAdded: 'forward' }),
  } satisfies GraphRule<SourcedGraphInput>,
  /**
   * Step k relaxes through intermediate k; appended nodes have indices >= n, so up to hint n-1 no path through
   * them is considered: any edges to and among them leave every original pair's D, Pi and msk as they were.
   */
  {
    algorithm: 'floyd_warshall',
    alignment: 'step',
    kind: kindOf('floyd_warshall', false, true),
    inputOf: graphOf,
    placement: append,
    links: () => undirectedLinks(() => true),
  } satisfies GraphRule<GraphInput>,
] as const;

export const GRAPH_AUGMENTERS: readonly Augmenter[] = RULES.map((rule) => graphAugmenter(rule as GraphRule<GraphInput>));
