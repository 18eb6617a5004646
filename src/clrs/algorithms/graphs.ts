/**
 * The 12 CLRS-30 graph algorithms (method note §2.1), in the benchmark's order. One file each under graphs/.
 */
import type { ClrsAlgorithm } from '../algorithm.js';
import { articulationPoints } from './graphs/articulation-points.js';
import { bellmanFord } from './graphs/bellman-ford.js';
import { bfs } from './graphs/bfs.js';
import { bridges } from './graphs/bridges.js';
import { dagShortestPaths } from './graphs/dag-shortest-paths.js';
import { dfs } from './graphs/dfs.js';
import { dijkstra } from './graphs/dijkstra.js';
import { floydWarshall } from './graphs/floyd-warshall.js';
import { mstKruskal } from './graphs/mst-kruskal.js';
import { mstPrim } from './graphs/mst-prim.js';
import { stronglyConnectedComponents } from './graphs/strongly-connected-components.js';
import { topologicalSort } from './graphs/topological-sort.js';

export const GRAPH_ALGORITHMS: readonly ClrsAlgorithm[] = [
  dfs,
  bfs,
  topologicalSort,
  articulationPoints,
  bridges,
  stronglyConnectedComponents,
  mstKruskal,
  mstPrim,
  bellmanFord,
  dijkstra,
  dagShortestPaths,
  floydWarshall,
];
