/**
 * Topological sort by DFS finishing order, transcribed from graphs.py `topological_sort`: the untimed walk of
 * dfs-walk.ts over A, roots in index order. Its discovery test is `color[u] == 0` alone (dfs also tests
 * d[u] == 0), and a child turns grey when it is stacked, so only roots get a discovery hint. The order is a linked
 * list built front-first as nodes finish (FinishOrder): `topo[u]` is the node after u, the last node points at
 * itself, and `topo_head` marks the first.
 *
 * topo_head starts at node 0 and a finishing node links to the current head only once that head is black, so the
 * first node to finish (the tail) keeps pointing at itself.
 *
 * Hints: two per root (before and at its discovery), one per tree edge, one per finish: 2n + #roots steps.
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { identity, maskOne } from '../../probing.js';
import type { Values } from '../../sample.js';
import { DfsWalk } from './dfs-walk.js';
import { sampleErGraph, startGraphSample, type GraphInput } from './graph-probes.js';

const NAME = 'topological_sort';

/** The finishing order as a front-first linked list, shared with dag_shortest_paths's first phase. */
export class FinishOrder {
  /** topo[u]: the node after u; the last node points at itself. */
  readonly topo: number[];
  head = 0;

  constructor(private readonly walk: DfsWalk) {
    this.topo = identity(walk.n);
  }

  /** u has just finished: it goes in front, linked to the old head only if that head is black. */
  prepend(u: number): void {
    if (this.walk.color[this.head] === 2) this.topo[u] = this.head;
    this.head = u;
  }

  hints(): Record<string, Values> {
    return { topo_h: this.topo, topo_head_h: maskOne(this.head, this.walk.n) };
  }
}

export const topologicalSort: ClrsAlgorithm<GraphInput> = {
  name: NAME,
  family: 'graphs',
  multiplier: 1,
  sample(n: number, rng: Rng): GraphInput {
    return sampleErGraph(NAME, n, { directed: true, acyclic: true, weighted: false }, rng);
  },
  run(input: GraphInput) {
    const rec = startGraphSample(NAME, input);
    const walk = new DfsWalk(input.n, false);
    const order = new FinishOrder(walk);
    const push = (): void => rec.hint({ ...order.hints(), ...walk.stackHints() });
    walk.fromRoots(identity(input.n), input.A, { push, finished: (u) => order.prepend(u) });

    rec.output('topo', order.topo);
    rec.output('topo_head', maskOne(order.head, input.n));
    return rec.finish();
  },
};
