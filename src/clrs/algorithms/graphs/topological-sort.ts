/**
 * Topological sort by DFS finishing order, transcribed from graphs.py `topological_sort`. The DFS machinery is
 * dfs.ts's (explicit stack in s_prev / s_last, roots and neighbours in index order) without times. Its
 * discovery test is `color[u] == 0` alone (dfs also tests d[u] == 0), and a child turns grey when it is stacked,
 * so only roots get a discovery hint. The order is a linked list built front-first as nodes finish: `topo[u]` is the
 * node after u, the last node points at itself, and `topo_head` marks the first.
 *
 * topo_head starts at node 0 and a finishing node links to the current head only once that head is black, so the
 * first node to finish (the tail) keeps pointing at itself.
 *
 * Hints: two per root (before and at its discovery), one per tree edge, one per finish: 2n + #roots steps.
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { DEFAULT_EDGE_PROBABILITY, randomErGraph } from '../../er-graph.js';
import { SampleRecorder } from '../../sample.js';
import { SPECS } from '../../specs.js';
import { identity, maskOne } from '../../probing.js';
import { checkGraphInput, recordGraphInputs, type GraphInput } from './graph-probes.js';

const NAME = 'topological_sort';

export const topologicalSort: ClrsAlgorithm<GraphInput> = {
  name: NAME,
  family: 'graphs',
  multiplier: 1,
  sample(n: number, rng: Rng): GraphInput {
    return { n, A: randomErGraph(n, { p: DEFAULT_EDGE_PROBABILITY[NAME], directed: true, acyclic: true, weighted: false }, rng) };
  },
  run(input: GraphInput) {
    checkGraphInput(NAME, input);
    const { n, A } = input;
    const rec = new SampleRecorder(NAME, SPECS[NAME], n);
    recordGraphInputs(rec, input);

    const color = new Array<number>(n).fill(0);
    const topo = identity(n);
    const sPrev = identity(n);
    let topoHead = 0;
    let s = 0;
    let u = 0;
    let v = 0;
    let sLast = 0;
    const push = (): void =>
      rec.hint({
        topo_h: topo,
        topo_head_h: maskOne(topoHead, n),
        color,
        s_prev: sPrev,
        s: maskOne(s, n),
        u: maskOne(u, n),
        v: maskOne(v, n),
        s_last: maskOne(sLast, n),
      });

    for (s = 0; s < n; s++) {
      if (color[s] !== 0) continue;
      sLast = s;
      u = s;
      v = s;
      push();
      for (;;) {
        if (color[u] === 0) {
          color[u] = 1;
          push();
        }
        for (let w = 0; w < n; w++) {
          v = w;
          if (A[u * n + v] !== 0 && color[v] === 0) {
            color[v] = 1;
            sPrev[v] = sLast;
            sLast = v;
            push();
            break;
          }
        }
        if (sLast === u) {
          color[u] = 2;
          if (color[topoHead] === 2) topo[u] = topoHead;
          topoHead = u;
          push();
          if (sPrev[u] === u) break;
          const pr = sPrev[sLast];
          sPrev[sLast] = sLast;
          sLast = pr;
        }
        u = sLast;
      }
    }

    rec.output('topo', topo);
    rec.output('topo_head', maskOne(topoHead, n));
    return rec.finish();
  },
};
