/**
 * Kosaraju's strongly connected components, transcribed from graphs.py `strongly_connected_components`: two timed
 * walks of dfs-walk.ts on one clock. Phase 0 (`phase` = 0) walks A with roots in index order, recording d and f.
 * Phase 1 whitens the nodes, empties the stack and walks A^T, taking roots in decreasing phase-0 finishing time
 * (the order is fixed before phase 1 starts, though phase 1 overwrites d and f); every node reached from root s gets
 * scc_id = s, written each time the node is on top of the stack. Discovery tests `color[u] == 0 or d[u] == 0` as
 * dfs does; in phase 1 every d is already set and a child turns grey when it is stacked, so only the phase-1 roots
 * get a discovery hint (and a new d); the other nodes keep their phase-0 d. `A_t` (the transposed adjacency with
 * self-loops, probing.graph(A^T)) is a constant hint, as in the reference.
 *
 * Hints: 3n in phase 0, 2n + #SCCs in phase 1 (one root per component): 5n + #SCCs in all.
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { DEFAULT_EDGE_PROBABILITY, randomCommunityGraph } from '../../er-graph.js';
import { argsort, graph, identity } from '../../probing.js';
import { DfsWalk } from './dfs-walk.js';
import { startGraphSample, transpose, type GraphInput } from './graph-probes.js';

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
    const { n, A } = input;
    const rec = startGraphSample(NAME, input);
    const walk = new DfsWalk(n, true);
    const sccId = identity(n);
    const At = transpose(A, n);
    const AtMask = graph(At, n);
    let phase = 0;
    const push = (): void =>
      rec.hint({ scc_id_h: sccId, A_t: AtMask, ...walk.clockHints(), ...walk.stackHints(), phase: [phase] });

    walk.fromRoots(identity(n), A, { push });
    walk.restart();
    phase = 1;
    // np.argsort(-f), taken once before phase 1; finishing times are distinct, so there are no ties.
    walk.fromRoots(argsort(walk.f.map((x) => -x)), At, {
      push,
      onTop(u) {
        sccId[u] = walk.s;
      },
    });

    rec.output('scc_id', sccId);
    return rec.finish();
  },
};
