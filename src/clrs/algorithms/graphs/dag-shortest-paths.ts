/**
 * Single-source shortest paths in a DAG, transcribed from graphs.py `dag_shortest_paths`. Phase 0 is
 * topological-sort.ts's walk (untimed, building a FinishOrder), but from the source s only, so the order (`topo_h`,
 * `topo_head_h`) covers just the nodes reachable from s and ends with topo_head = s. Phase 1 walks that list from
 * s, marking each node and relaxing its out-edges (a node seen for the first time takes the first offer); the
 * list's last node is not relaxed, it has no out-edges into the reachable set. `u`, `v` and `s_last` keep their
 * phase-0 values in phase 1.
 *
 * Hints: 2r + 1 in phase 0 (r = nodes reachable from s; see topological-sort.ts), then one per relaxed node
 * (r - 1) and a final one: 3r + 1 in all.
 *
 * The reference also passes 's' to probing.push, but the spec has no 's' hint, so push drops it; it is not
 * recorded here either.
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { identity } from '../../probing.js';
import { DfsWalk } from './dfs-walk.js';
import { sampleSourcedErGraph, startGraphSample, type SourcedGraphInput } from './graph-probes.js';
import { FinishOrder } from './topological-sort.js';

const NAME = 'dag_shortest_paths';

export const dagShortestPaths: ClrsAlgorithm<SourcedGraphInput> = {
  name: NAME,
  family: 'graphs',
  multiplier: 1,
  sample(n: number, rng: Rng): SourcedGraphInput {
    return sampleSourcedErGraph(NAME, n, { directed: true, acyclic: true, weighted: true }, rng);
  },
  run(input: SourcedGraphInput) {
    const { n, A, s } = input;
    const rec = startGraphSample(NAME, input);
    const walk = new DfsWalk(n, false);
    const order = new FinishOrder(walk);
    const { topo } = order;
    const pi = identity(n);
    const d = new Array<number>(n).fill(0);
    const mark = new Array<number>(n).fill(0);
    let phase = 0;
    const push = (): void =>
      rec.hint({ pi_h: pi, d, mark, ...order.hints(), ...walk.stackHints(false), phase: [phase] });

    walk.visit(s, A, { push, finished: (u) => order.prepend(u) });
    if (order.head !== s) throw new Error(`${NAME}: the DFS from ${s} ended at ${order.head}`);

    d[order.head] = 0;
    mark[order.head] = 1;
    phase = 1;
    while (topo[order.head] !== order.head) {
      const i = order.head;
      mark[i] = 1;
      push();
      for (let j = 0; j < n; j++) {
        const w = A[i * n + j];
        if (w !== 0 && (mark[j] === 0 || d[i] + w < d[j])) {
          d[j] = d[i] + w;
          pi[j] = i;
          mark[j] = 1;
        }
      }
      order.head = topo[i];
    }
    push();

    rec.output('pi', pi);
    return rec.finish();
  },
};
