/**
 * Dijkstra's single-source shortest paths, transcribed from graphs.py `dijkstra`: mst-prim.ts with the key
 * d[u] + A[u, v] in place of A[u, v]. Unreached nodes keep d = 0 and point at themselves.
 *
 * Hints: one at the start (u = s), then one after each extraction: 1 + |nodes reachable from s|.
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { DEFAULT_EDGE_PROBABILITY, randomErGraph } from '../../er-graph.js';
import { SampleRecorder } from '../../sample.js';
import { SPECS } from '../../specs.js';
import { argsort, identity, maskOne } from '../../probing.js';
import { checkGraphInput, recordGraphInputs, sampleSource, type SourcedGraphInput } from './graph-probes.js';

const NAME = 'dijkstra';

export const dijkstra: ClrsAlgorithm<SourcedGraphInput> = {
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

    const d = new Array<number>(n).fill(0);
    const mark = new Array<number>(n).fill(0);
    const inQueue = new Array<number>(n).fill(0);
    const pi = identity(n);
    d[s] = 0;
    inQueue[s] = 1;
    const push = (u: number): void => rec.hint({ pi_h: pi, d, mark, in_queue: inQueue, u: maskOne(u, n) });
    push(s);

    for (let step = 0; step < n; step++) {
      // Extract-min as in the reference; probing's argsort breaks ties by the lowest index.
      const u = argsort(d.map((x, i) => x + (1.0 - inQueue[i]) * 1e9))[0];
      if (inQueue[u] === 0) break;
      mark[u] = 1;
      inQueue[u] = 0;
      for (let v = 0; v < n; v++) {
        const w = A[u * n + v];
        if (w !== 0 && mark[v] === 0 && (inQueue[v] === 0 || d[u] + w < d[v])) {
          pi[v] = u;
          d[v] = d[u] + w;
          inQueue[v] = 1;
        }
      }
      push(u);
    }

    rec.output('pi', pi);
    return rec.finish();
  },
};
