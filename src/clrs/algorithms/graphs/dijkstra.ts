/**
 * Dijkstra's single-source shortest paths, transcribed from graphs.py `dijkstra`: the queue growth of mst_prim
 * (queue-growth.ts) with the key d[u] + A[u, v] in place of A[u, v]. Unreached nodes keep d = 0 and point at
 * themselves.
 *
 * Hints: one at the start (u = s), then one after each extraction: 1 + |nodes reachable from s|.
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { sampleSourcedErGraph, type SourcedGraphInput } from './graph-probes.js';
import { growFromSource } from './queue-growth.js';

const NAME = 'dijkstra';

export const dijkstra: ClrsAlgorithm<SourcedGraphInput> = {
  name: NAME,
  family: 'graphs',
  multiplier: 1,
  sample(n: number, rng: Rng): SourcedGraphInput {
    return sampleSourcedErGraph(NAME, n, { directed: false, acyclic: false, weighted: true }, rng);
  },
  run(input: SourcedGraphInput) {
    return growFromSource(NAME, input, 'd', (dU, w) => dU + w);
  },
};
