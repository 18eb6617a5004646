/**
 * Articulation points (Hopcroft-Tarjan low points), transcribed from graphs.py `articulation_points`: the timed walk
 * of dfs-walk.ts over A, roots in index order, with the low points of low-points.ts, `child_cnt` (+0.01 per tree
 * child) and `is_cut`.
 *
 * At u's finish, a non-root u is a cut if some tree child v has low[v] >= d[u], a root if it has more than one
 * child (child_cnt > 0.01).
 *
 * Hints: 3n (root, discovery, tree edge, finish) + one per already-seen neighbour other than pi[u] met on each
 * scan of u's row.
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { identity } from '../../probing.js';
import { DfsWalk } from './dfs-walk.js';
import { sampleErGraph, startGraphSample, type GraphInput } from './graph-probes.js';
import { lowPointHooks } from './low-points.js';

const NAME = 'articulation_points';

export const articulationPoints: ClrsAlgorithm<GraphInput> = {
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
    const { pi, d } = walk;
    const low = new Array<number>(n).fill(0);
    const childCnt = new Array<number>(n).fill(0);
    const isCut = new Array<number>(n).fill(0);
    const push = (): void =>
      rec.hint({ is_cut_h: isCut, pi_h: pi, ...walk.clockHints(), low, child_cnt: childCnt, ...walk.stackHints() });
    const lowPoints = lowPointHooks(walk, low, (u, v) => {
      if (pi[u] !== u && low[v] >= d[u]) isCut[u] = 1;
    });
    walk.fromRoots(identity(n), A, {
      push,
      ...lowPoints,
      treeEdge(u) {
        childCnt[u] += 0.01;
      },
      finished(u) {
        lowPoints.finished(u);
        if (pi[u] === u && childCnt[u] > 0.01) isCut[u] = 1;
      },
    });

    rec.output('is_cut', isCut);
    return rec.finish();
  },
};
