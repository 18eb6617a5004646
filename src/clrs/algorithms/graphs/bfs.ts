/**
 * Breadth-first search, frontier-synchronous, transcribed from graphs.py `bfs` (method note §2.8). Each round
 * first pushes the state (reach_h = the nodes reached before the round, pi_h), then every node reached before the
 * round (in index order) reaches all its neighbours; a node reached for the first time (other than s) points at
 * the lowest-indexed such neighbour. The loop stops after a round that reaches nothing new, so the hint count is
 * the source's eccentricity within its component + 1, and the output pi equals the last pi_h.
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { identity } from '../../probing.js';
import { sampleSourcedErGraph, startGraphSample, type SourcedGraphInput } from './graph-probes.js';

const NAME = 'bfs';

export const bfs: ClrsAlgorithm<SourcedGraphInput> = {
  name: NAME,
  family: 'graphs',
  multiplier: 1,
  sample(n: number, rng: Rng): SourcedGraphInput {
    return sampleSourcedErGraph(NAME, n, { directed: false, acyclic: false, weighted: false }, rng);
  },
  run(input: SourcedGraphInput) {
    const { n, A, s } = input;
    const rec = startGraphSample(NAME, input);

    const reach = new Array<number>(n).fill(0);
    const pi = identity(n);
    reach[s] = 1;
    for (;;) {
      const prevReach = reach.slice();
      rec.hint({ reach_h: prevReach, pi_h: pi });
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          // The reference tests A > 0 here (elsewhere A != 0); graph weights are never negative.
          if (A[i * n + j] > 0 && prevReach[i] === 1) {
            if (pi[j] === j && j !== s) pi[j] = i;
            reach[j] = 1;
          }
        }
      }
      if (reach.every((r, i) => r === prevReach[i])) break;
    }

    rec.output('pi', pi);
    return rec.finish();
  },
};
