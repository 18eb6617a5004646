/**
 * Floyd-Warshall all-pairs shortest paths, transcribed from graphs.py `floyd_warshall`. D starts as A (0 where
 * there is no edge), `msk` (finite distance) as probing.graph(A), so every diagonal entry is "finite" with
 * D[i, i] = A[i, i] (0, or a self-loop's weight); Pi[i, j] (the predecessor of j on the path from i, an edge
 * pointer) starts at i. Step k pushes the state before it, with k marked, then improves (i, j) through k from the
 * previous step's D and msk; a pair seen for the first time takes the first offer.
 *
 * Hints: n (one per k; the final state is only in the output Pi).
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { graph, maskOne } from '../../probing.js';
import { sampleErGraph, startGraphSample, type GraphInput } from './graph-probes.js';

const NAME = 'floyd_warshall';

export const floydWarshall: ClrsAlgorithm<GraphInput> = {
  name: NAME,
  family: 'graphs',
  multiplier: 1,
  sample(n: number, rng: Rng): GraphInput {
    return sampleErGraph(NAME, n, { directed: false, acyclic: false, weighted: true }, rng);
  },
  run(input: GraphInput) {
    const { n, A } = input;
    const rec = startGraphSample(NAME, input);

    const D = Float64Array.from(A);
    const Pi = new Float64Array(n * n);
    const msk = graph(A, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Pi[i * n + j] = i;

    for (let k = 0; k < n; k++) {
      const prevD = Float64Array.from(D);
      const prevMsk = Float64Array.from(msk);
      rec.hint({ Pi_h: Pi, D: prevD, msk: prevMsk, k: maskOne(k, n) });
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (prevMsk[i * n + k] > 0 && prevMsk[k * n + j] > 0) {
            const through = prevD[i * n + k] + prevD[k * n + j];
            if (msk[i * n + j] === 0 || through < D[i * n + j]) {
              D[i * n + j] = through;
              Pi[i * n + j] = Pi[k * n + j];
            } else {
              D[i * n + j] = prevD[i * n + j];
            }
            msk[i * n + j] = 1;
          }
        }
      }
    }

    rec.output('Pi', Pi);
    return rec.finish();
  },
};
