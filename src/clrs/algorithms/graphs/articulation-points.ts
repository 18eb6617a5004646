/**
 * Articulation points (Hopcroft-Tarjan low points), transcribed from graphs.py `articulation_points`. The DFS is
 * dfs.ts's, plus `low` (set to the discovery time at discovery), `child_cnt` (+0.01 per tree child) and `is_cut`.
 *
 * Each time u is on top of the stack its row is rescanned from index 0. Before the first white neighbour, every
 * already-seen neighbour v other than pi[u] lowers low[u] to d[v] and pushes a hint, so the same back edge is
 * pushed again on every return to u. A self-loop (the sampler draws them with probability p) counts as such a
 * neighbour for a non-root u (a no-op on low, but a hint). At the finish, low[u] takes the minimum over its tree
 * children, a non-root u is a cut if some child has low >= d[u], a root if it has more than one child
 * (child_cnt > 0.01). The finish scan runs over all v, so the finish hint records v = n - 1.
 *
 * Hints: 3n (root, discovery, tree edge, finish) + one per already-seen neighbour other than pi[u] met on each
 * scan of u's row.
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { DEFAULT_EDGE_PROBABILITY, randomErGraph } from '../../er-graph.js';
import { SampleRecorder } from '../../sample.js';
import { SPECS } from '../../specs.js';
import { identity, maskOne } from '../../probing.js';
import { checkGraphInput, recordGraphInputs, type GraphInput } from './graph-probes.js';

const NAME = 'articulation_points';

export const articulationPoints: ClrsAlgorithm<GraphInput> = {
  name: NAME,
  family: 'graphs',
  multiplier: 1,
  sample(n: number, rng: Rng): GraphInput {
    return { n, A: randomErGraph(n, { p: DEFAULT_EDGE_PROBABILITY[NAME], directed: false, acyclic: false, weighted: false }, rng) };
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
    const low = new Array<number>(n).fill(0);
    const childCnt = new Array<number>(n).fill(0);
    const isCut = new Array<number>(n).fill(0);
    let s = 0;
    let u = 0;
    let v = 0;
    let sLast = 0;
    const push = (): void =>
      rec.hint({
        is_cut_h: isCut,
        pi_h: pi,
        color,
        d,
        f,
        low,
        child_cnt: childCnt,
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
          low[u] = time;
          color[u] = 1;
          push();
        }
        for (let w = 0; w < n; w++) {
          v = w;
          if (A[u * n + v] === 0) continue;
          if (color[v] === 0) {
            pi[v] = u;
            color[v] = 1;
            sPrev[v] = sLast;
            sLast = v;
            childCnt[u] += 0.01;
            push();
            break;
          } else if (v !== pi[u]) {
            low[u] = Math.min(low[u], d[v]);
            push();
          }
        }
        if (sLast === u) {
          color[u] = 2;
          time += 0.01;
          f[u] = time;
          for (let w = 0; w < n; w++) {
            v = w;
            if (pi[v] === u) {
              low[u] = Math.min(low[u], low[v]);
              if (pi[u] !== u && low[v] >= d[u]) isCut[u] = 1;
            }
          }
          if (pi[u] === u && childCnt[u] > 0.01) isCut[u] = 1;
          push();
          if (sPrev[u] === u) break;
          const pr = sPrev[sLast];
          sPrev[sLast] = sLast;
          sLast = pr;
        }
        u = sLast;
      }
    }

    rec.output('is_cut', isCut);
    return rec.finish();
  },
};
