/**
 * The CLRS-30 registry: every algorithm in the benchmark's `specs.CLRS_30_ALGS` order (alphabetical), the 12 graph
 * algorithms coming from './graphs.js'.
 */
import { UsageError } from '../../common/errors.js';
import type { ClrsAlgorithm } from '../algorithm.js';
import { activitySelector } from './activity-selector.js';
import { binarySearch } from './binary-search.js';
import { bubbleSort } from './bubble-sort.js';
import { findMaximumSubarrayKadane } from './find-maximum-subarray-kadane.js';
import { GRAPH_ALGORITHMS } from './graphs.js';
import { grahamScan } from './graham-scan.js';
import { heapsort } from './heapsort.js';
import { insertionSort } from './insertion-sort.js';
import { jarvisMarch } from './jarvis-march.js';
import { kmpMatcher } from './kmp-matcher.js';
import { lcsLength } from './lcs-length.js';
import { matrixChainOrder } from './matrix-chain-order.js';
import { minimum } from './minimum.js';
import { naiveStringMatcher } from './naive-string-matcher.js';
import { optimalBst } from './optimal-bst.js';
import { quickselect } from './quickselect.js';
import { quicksort } from './quicksort.js';
import { segmentsIntersect } from './segments-intersect.js';
import { taskScheduling } from './task-scheduling.js';

/** google-deepmind/clrs `specs.CLRS_30_ALGS`. */
export const CLRS_30_ALGS = [
  'articulation_points',
  'activity_selector',
  'bellman_ford',
  'bfs',
  'binary_search',
  'bridges',
  'bubble_sort',
  'dag_shortest_paths',
  'dfs',
  'dijkstra',
  'find_maximum_subarray_kadane',
  'floyd_warshall',
  'graham_scan',
  'heapsort',
  'insertion_sort',
  'jarvis_march',
  'kmp_matcher',
  'lcs_length',
  'matrix_chain_order',
  'minimum',
  'mst_kruskal',
  'mst_prim',
  'naive_string_matcher',
  'optimal_bst',
  'quickselect',
  'quicksort',
  'segments_intersect',
  'strongly_connected_components',
  'task_scheduling',
  'topological_sort',
] as const;

const NON_GRAPH: readonly ClrsAlgorithm[] = [
  insertionSort,
  bubbleSort,
  heapsort,
  quicksort,
  minimum,
  binarySearch,
  quickselect,
  findMaximumSubarrayKadane,
  activitySelector,
  taskScheduling,
  matrixChainOrder,
  lcsLength,
  optimalBst,
  naiveStringMatcher,
  kmpMatcher,
  segmentsIntersect,
  grahamScan,
  jarvisMarch,
];

function inBenchmarkOrder(pool: readonly ClrsAlgorithm[]): ClrsAlgorithm[] {
  const byName = new Map<string, ClrsAlgorithm>();
  for (const a of pool) {
    if (!(CLRS_30_ALGS as readonly string[]).includes(a.name)) throw new Error(`clrs: '${a.name}' is not a CLRS-30 algorithm`);
    if (byName.has(a.name)) throw new Error(`clrs: '${a.name}' is registered twice`);
    byName.set(a.name, a);
  }
  return CLRS_30_ALGS.flatMap((name) => byName.get(name) ?? []);
}

export const ALGORITHMS: readonly ClrsAlgorithm[] = inBenchmarkOrder([...NON_GRAPH, ...GRAPH_ALGORITHMS]);

/** The algorithm called `name`, or a UsageError listing the valid names. */
export function algorithm(name: string): ClrsAlgorithm {
  const found = ALGORITHMS.find((a) => a.name === name);
  if (!found) throw new UsageError(`unknown CLRS algorithm '${name}'; valid: ${ALGORITHMS.map((a) => a.name).join(', ')}`);
  return found;
}
