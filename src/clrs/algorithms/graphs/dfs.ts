/**
 * Depth-first search, transcribed from graphs.py `dfs` (google-deepmind/clrs). The recursion is an explicit stack
 * threaded through `s_prev` (each stacked node points at the node below it, the bottom at itself) with `s_last` on
 * top. Roots are taken in index order; each time a node is on top, its adjacency row is rescanned from index 0
 * and only the first white neighbour is pushed. Times advance in steps of 0.01.
 *
 * Hints, pushed: once per root (before it is discovered), at every discovery, at every tree edge and at every
 * finish: 3n steps in all. `v` keeps the last value of the scan loop between pushes, as Python's loop variable
 * does (n - 1 after a scan that found no white neighbour).
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { DEFAULT_EDGE_PROBABILITY, randomErGraph } from '../../er-graph.js';
import { SampleRecorder } from '../../sample.js';
import { SPECS } from '../../specs.js';
import { identity, maskOne } from '../../probing.js';
import { checkGraphInput, recordGraphInputs, type GraphInput } from './graph-probes.js';

const NAME = 'dfs';

export const dfs: ClrsAlgorithm<GraphInput> = {
  name: NAME,
  family: 'graphs',
  multiplier: 1,
  sample(n: number, rng: Rng): GraphInput {
    return { n, A: randomErGraph(n, { p: DEFAULT_EDGE_PROBABILITY[NAME], directed: true, acyclic: false, weighted: false }, rng) };
  },
  run(input: GraphInput) {
    checkGraphInput(NAME, input);
    const { n, A } = input;
    const rec = new SampleRecorder(NAME, SPECS[NAME], n);
    recordGraphInputs(rec, input);

    const color = new Array<number>(n).fill(0);
    const pi = identity(n);
    const d = new Array<number>(n).fill(0);
    const f = new Array<number>(n).fill(0);
    const sPrev = identity(n);
    let time = 0;
    let s = 0;
    let u = 0;
    let v = 0;
    let sLast = 0;
    const push = (): void =>
      rec.hint({
        pi_h: pi,
        color,
        d,
        f,
        s_prev: sPrev,
        s: maskOne(s, n),
        u: maskOne(u, n),
        v: maskOne(v, n),
        s_last: maskOne(sLast, n),
        time: [time],
      });

    for (s = 0; s < n; s++) {
      if (color[s] !== 0) continue;
      sLast = s;
      u = s;
      v = s;
      push();
      for (;;) {
        if (color[u] === 0 || d[u] === 0) {
          time += 0.01;
          d[u] = time;
          color[u] = 1;
          push();
        }
        for (let w = 0; w < n; w++) {
          v = w;
          if (A[u * n + v] !== 0 && color[v] === 0) {
            pi[v] = u;
            color[v] = 1;
            sPrev[v] = sLast;
            sLast = v;
            push();
            break;
          }
        }
        if (sLast === u) {
          color[u] = 2;
          time += 0.01;
          f[u] = time;
          push();
          if (sPrev[u] === u) break;
          const pr = sPrev[sLast];
          sPrev[sLast] = sLast;
          sLast = pr;
        }
        u = sLast;
      }
    }

    rec.output('pi', pi);
    return rec.finish();
  },
};
