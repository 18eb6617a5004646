/**
 * Bellman-Ford single-source shortest paths, transcribed from graphs.py `bellman_ford`, in synchronous rounds.
 * `msk` marks the nodes with a finite distance. Each round pushes (pi_h, d, msk) as they were before it, then
 * relaxes every edge u -> v out of a node in the previous round's msk, from the previous round's d[u], into the
 * current d[v] (node pairs in index order); a node seen for the first time takes the first offer. The loop stops
 * after a round that changes no distance, so the last hint equals the output state.
 *
 * Hints: one per round, the final unchanged round included.
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { identity } from '../../probing.js';
import { sampleSourcedErGraph, startGraphSample, type SourcedGraphInput } from './graph-probes.js';

const NAME = 'bellman_ford';

export const bellmanFord: ClrsAlgorithm<SourcedGraphInput> = {
  name: NAME,
  family: 'graphs',
  multiplier: 1,
  sample(n: number, rng: Rng): SourcedGraphInput {
    return sampleSourcedErGraph(NAME, n, { directed: false, acyclic: false, weighted: true }, rng);
  },
  run(input: SourcedGraphInput) {
    const { n, A, s } = input;
    const rec = startGraphSample(NAME, input);

    const d = new Array<number>(n).fill(0);
    const pi = identity(n);
    const msk = new Array<number>(n).fill(0);
    d[s] = 0;
    msk[s] = 1;
    for (;;) {
      const prevD = d.slice();
      const prevMsk = msk.slice();
      rec.hint({ pi_h: pi, d: prevD, msk: prevMsk });
      for (let u = 0; u < n; u++) {
        for (let v = 0; v < n; v++) {
          const w = A[u * n + v];
          if (prevMsk[u] === 1 && w !== 0) {
            if (msk[v] === 0 || prevD[u] + w < d[v]) {
              d[v] = prevD[u] + w;
              pi[v] = u;
            }
            msk[v] = 1;
          }
        }
      }
      if (d.every((x, i) => x === prevD[i])) break;
    }

    rec.output('pi', pi);
    return rec.finish();
  },
};
