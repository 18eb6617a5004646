/**
 * Prim's minimum spanning tree, transcribed from graphs.py `mst_prim`. The queue is the `in_queue` mask with keys
 * in `key`. Extract-min is `argsort(key + (1 - in_queue) * 1e9)[0]`: the lowest key in the queue, the lowest index
 * on ties (np.argsort's quicksort does not promise that beyond 16 elements; continuous weights tie with
 * probability 0); the loop stops when the pick is out of the queue. A node leaves the queue marked, and each
 * unmarked neighbour v enters it (or gets a lower key) with key = A[u, v], pi[v] = u. Only nodes the tree touches
 * ever enter the queue, so the tree spans s's component and every other node keeps pi = itself.
 *
 * Hints: one at the start (u = s), then one after each extraction: 1 + |component of s|.
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { DEFAULT_EDGE_PROBABILITY, randomErGraph } from '../../er-graph.js';
import { SampleRecorder } from '../../sample.js';
import { SPECS } from '../../specs.js';
import { argsort, identity, maskOne } from '../../probing.js';
import { checkGraphInput, recordGraphInputs, sampleSource, type SourcedGraphInput } from './graph-probes.js';

const NAME = 'mst_prim';

export const mstPrim: ClrsAlgorithm<SourcedGraphInput> = {
  name: NAME,
  family: 'graphs',
  multiplier: 1,
  sample(n: number, rng: Rng): SourcedGraphInput {
    const A = randomErGraph(n, { p: DEFAULT_EDGE_PROBABILITY[NAME], directed: false, acyclic: false, weighted: true }, rng);
    return { n, A, s: sampleSource(n, rng) };
  },
  run(input: SourcedGraphInput) {
    checkGraphInput(NAME, input);
    const { n, A, s } = input;
    const rec = new SampleRecorder(NAME, SPECS[NAME], n);
    recordGraphInputs(rec, input);

    const key = new Array<number>(n).fill(0);
    const mark = new Array<number>(n).fill(0);
    const inQueue = new Array<number>(n).fill(0);
    const pi = identity(n);
    key[s] = 0;
    inQueue[s] = 1;
    const push = (u: number): void => rec.hint({ pi_h: pi, key, mark, in_queue: inQueue, u: maskOne(u, n) });
    push(s);

    for (let step = 0; step < n; step++) {
      // Extract-min as in the reference; probing's argsort breaks ties by the lowest index.
      const u = argsort(key.map((x, i) => x + (1.0 - inQueue[i]) * 1e9))[0];
      if (inQueue[u] === 0) break;
      mark[u] = 1;
      inQueue[u] = 0;
      for (let v = 0; v < n; v++) {
        const w = A[u * n + v];
        if (w !== 0 && mark[v] === 0 && (inQueue[v] === 0 || w < key[v])) {
          pi[v] = u;
          key[v] = w;
          inQueue[v] = 1;
        }
      }
      push(u);
    }

    rec.output('pi', pi);
    return rec.finish();
  },
};
