/**
 * Bridges (Tarjan low points), transcribed from graphs.py `bridges`: articulation-points.ts's DFS without
 * child_cnt; at u's finish, the tree edge u-v is a bridge when low[v] > d[u].
 *
 * One reading differs from the reference: there, is_bridge starts as adj - 1, i.e. 0 on edges and self-loops and
 * OutputClass.MASKED (-1) on non-edges, which the losses and the metric skip. SampleRecorder admits only 0/1 in a
 * mask, so non-edges are recorded as 0 here; the masked entries are exactly those where the `adj` input is 0, so
 * a consumer that needs the reference's masking recovers it from `adj`.
 *
 * Hints: 3n (root, discovery, tree edge, finish) + one per already-seen neighbour other than pi[u] met on each
 * scan of u's row, as in articulation_points.
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { DEFAULT_EDGE_PROBABILITY, randomErGraph } from '../../er-graph.js';
import { SampleRecorder } from '../../sample.js';
import { SPECS } from '../../specs.js';
import { identity, maskOne } from '../../probing.js';
import { checkGraphInput, recordGraphInputs, type GraphInput } from './graph-probes.js';

const NAME = 'bridges';

export const bridges: ClrsAlgorithm<GraphInput> = {
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
    const isBridge = new Float64Array(n * n);
    let s = 0;
    let u = 0;
    let v = 0;
    let sLast = 0;
    const push = (): void =>
      rec.hint({
        is_bridge_h: isBridge,
        pi_h: pi,
        color,
        d,
        f,
        low,
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
              if (low[v] > d[u]) {
                isBridge[u * n + v] = 1;
                isBridge[v * n + u] = 1;
              }
            }
          }
          push();
          if (sPrev[u] === u) break;
          const pr = sPrev[sLast];
          sPrev[sLast] = sLast;
          sLast = pr;
        }
        u = sLast;
      }
    }

    rec.output('is_bridge', isBridge);
    return rec.finish();
  },
};
