/**
 * Prim's minimum spanning tree, transcribed from graphs.py `mst_prim` (the loop is in queue-growth.ts): each
 * unmarked neighbour v of the extracted node u enters the queue, or gets a lower key, with key = A[u, v] and
 * pi[v] = u. The tree spans s's component; every other node keeps pi = itself.
 *
 * Hints: one at the start (u = s), then one after each extraction: 1 + |component of s|.
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { sampleSourcedErGraph, type SourcedGraphInput } from './graph-probes.js';
import { growFromSource } from './queue-growth.js';

const NAME = 'mst_prim';

export const mstPrim: ClrsAlgorithm<SourcedGraphInput> = {
  name: NAME,
  family: 'graphs',
  multiplier: 1,
  sample(n: number, rng: Rng): SourcedGraphInput {
    return sampleSourcedErGraph(NAME, n, { directed: false, acyclic: false, weighted: true }, rng);
  },
  run(input: SourcedGraphInput) {
    return growFromSource(NAME, input, 'key', (_keyU, w) => w);
  },
};
