/**
 * Kosaraju's strongly connected components, transcribed from graphs.py `strongly_connected_components`.
 * Phase 0 (`phase` = 0) is dfs.ts's DFS on A (roots in index order), recording d and f. Phase 1 resets colours and
 * the stack and runs the same DFS on A^T, taking roots in decreasing phase-0 finishing time (the order is fixed
 * before phase 1 starts, though phase 1 overwrites d and f); every node reached from root s gets scc_id = s,
 * written each time the node is on top of the stack. Time keeps running across the phases. Discovery tests
 * `color[u] == 0 or d[u] == 0` as dfs does; in phase 1 every d is already set and a child turns grey when it is
 * stacked, so only the phase-1 roots get a discovery hint (and a new d); the other nodes keep their phase-0 d. `A_t` (the transposed
 * adjacency with self-loops, probing.graph(A^T)) is a constant hint, as in the reference.
 *
 * Hints: 3n in phase 0, 2n + #SCCs in phase 1 (one root per component): 5n + #SCCs in all.
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { DEFAULT_EDGE_PROBABILITY, randomCommunityGraph } from '../../er-graph.js';
import { SampleRecorder } from '../../sample.js';
import { SPECS } from '../../specs.js';
import { argsort, graph, identity, maskOne } from '../../probing.js';
import { checkGraphInput, recordGraphInputs, transpose, type GraphInput } from './graph-probes.js';

const NAME = 'strongly_connected_components';

export const stronglyConnectedComponents: ClrsAlgorithm<GraphInput> = {
  name: NAME,
  family: 'graphs',
  multiplier: 1,
  // One node per community at least.
  minN: 4,
  sample(n: number, rng: Rng): GraphInput {
    const opts = { k: 4, p: DEFAULT_EDGE_PROBABILITY[NAME], eps: 0.01, directed: true, acyclic: false, weighted: false };
    return { n, A: randomCommunityGraph(n, opts, rng) };
  },
  run(input: GraphInput) {
    checkGraphInput(NAME, input);
    const { n, A } = input;
    const rec = new SampleRecorder(NAME, SPECS[NAME], n);
    recordGraphInputs(rec, input);

    const sccId = identity(n);
    let color = new Array<number>(n).fill(0);
    const d = new Array<number>(n).fill(0);
    const f = new Array<number>(n).fill(0);
    let sPrev = identity(n);
    let time = 0;
    const At = transpose(A, n);
    const AtMask = graph(At, n);
    let phase = 0;
    let s = 0;
    let u = 0;
    let v = 0;
    let sLast = 0;
    const push = (): void =>
      rec.hint({
        scc_id_h: sccId,
        A_t: AtMask,
        color,
        d,
        f,
        s_prev: sPrev,
        s: maskOne(s, n),
        u: maskOne(u, n),
        v: maskOne(v, n),
        s_last: maskOne(sLast, n),
        time: [time],
        phase: [phase],
      });

    const search = (roots: readonly number[], M: Float64Array, label: boolean): void => {
      for (const root of roots) {
        s = root;
        if (color[s] !== 0) continue;
        sLast = s;
        u = s;
        v = s;
        push();
        for (;;) {
          if (label) sccId[u] = s;
          if (color[u] === 0 || d[u] === 0) {
            time += 0.01;
            d[u] = time;
            color[u] = 1;
            push();
          }
          for (let w = 0; w < n; w++) {
            v = w;
            if (M[u * n + v] !== 0 && color[v] === 0) {
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
    };

    search(identity(n), A, false);
    color = new Array<number>(n).fill(0);
    sPrev = identity(n);
    phase = 1;
    // np.argsort(-f), taken once before phase 1; finishing times are distinct, so there are no ties.
    search(argsort(f.map((x) => -x)), At, true);

    rec.output('scc_id', sccId);
    return rec.finish();
  },
};
