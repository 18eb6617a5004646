/**
 * Bridges (Tarjan low points), transcribed from graphs.py `bridges`: the timed walk of dfs-walk.ts over A, roots in
 * index order, with the low points of low-points.ts; at u's finish, the tree edge u-v is a bridge when
 * low[v] > d[u].
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
import { identity } from '../../probing.js';
import { DfsWalk } from './dfs-walk.js';
import { sampleErGraph, startGraphSample, type GraphInput } from './graph-probes.js';
import { lowPointHooks } from './low-points.js';

const NAME = 'bridges';

export const bridges: ClrsAlgorithm<GraphInput> = {
  name: NAME,
  family: 'graphs',
  multiplier: 1,
  sample(n: number, rng: Rng): GraphInput {
    return sampleErGraph(NAME, n, { directed: false, acyclic: false, weighted: false }, rng);
  },
  run(input: GraphInput) {
    const { n, A } = input;
    const rec = startGraphSample(NAME, input);
    const walk = new DfsWalk(n, true);
    const low = new Array<number>(n).fill(0);
    const isBridge = new Float64Array(n * n);
    const push = (): void =>
      rec.hint({ is_bridge_h: isBridge, pi_h: walk.pi, ...walk.clockHints(), low, ...walk.stackHints() });
    const lowPoints = lowPointHooks(walk, low, (u, v) => {
      if (low[v] > walk.d[u]) {
        isBridge[u * n + v] = 1;
        isBridge[v * n + u] = 1;
      }
    });
    walk.fromRoots(identity(n), A, { push, ...lowPoints });

    rec.output('is_bridge', isBridge);
    return rec.finish();
  },
};
