/**
 * Kruskal's minimum spanning tree, transcribed from graphs.py `mst_kruskal`. Union-find lives in the `pi` hint
 * (node pointer to the parent in the forest). Edges (i < j, A[i, j] > 0) are taken in increasing weight. For each
 * edge u-v, `mst_union` pushes once on entry (phase 1), then walks u up to its root, pointing every node on the
 * walk so far (mask_u) at the current ancestor and pushing after each hop (phase 1), then the same for v
 * (phase 2), then links the roots (the smaller index under the larger) and marks the edge if they differ,
 * pushing with phase 0. `phase` is graph categorical over 3 classes (probing.mask_one(phase, 3) in the reference).
 *
 * Hints: 1 (all-zero start, every mask_one at node 0) + per edge 2 + the two walks' lengths. Every edge of the
 * graph is processed, also after the tree is complete.
 *
 * Reading: the reference orders edges with np.argsort (not stable); this port breaks equal weights by edge order
 * (row-major over i < j). Continuous weights tie with probability 0.
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { argsort, identity, maskOne } from '../../probing.js';
import { sampleErGraph, startGraphSample, type GraphInput } from './graph-probes.js';

const NAME = 'mst_kruskal';

export const mstKruskal: ClrsAlgorithm<GraphInput> = {
  name: NAME,
  family: 'graphs',
  multiplier: 1,
  sample(n: number, rng: Rng): GraphInput {
    return sampleErGraph(NAME, n, { directed: false, acyclic: false, weighted: true }, rng);
  },
  run(input: GraphInput) {
    const { n, A } = input;
    const rec = startGraphSample(NAME, input);

    const pi = identity(n);
    const inMst = new Float64Array(n * n);
    const push = (u: number, v: number, rootU: number, rootV: number, maskU: readonly number[], maskV: readonly number[], phase: number): void =>
      rec.hint({
        in_mst_h: inMst,
        pi,
        u: maskOne(u, n),
        v: maskOne(v, n),
        root_u: maskOne(rootU, n),
        root_v: maskOne(rootV, n),
        mask_u: maskU,
        mask_v: maskV,
        phase: [phase],
      });

    const union = (u: number, v: number): void => {
      let rootU = u;
      let rootV = v;
      const maskU = new Array<number>(n).fill(0);
      const maskV = new Array<number>(n).fill(0);
      maskU[u] = 1;
      maskV[v] = 1;
      push(u, v, rootU, rootV, maskU, maskV, 1);
      while (pi[rootU] !== rootU) {
        rootU = pi[rootU];
        for (let i = 0; i < n; i++) if (maskU[i] === 1) pi[i] = rootU;
        maskU[rootU] = 1;
        push(u, v, rootU, rootV, maskU, maskV, 1);
      }
      while (pi[rootV] !== rootV) {
        rootV = pi[rootV];
        for (let i = 0; i < n; i++) if (maskV[i] === 1) pi[i] = rootV;
        maskV[rootV] = 1;
        push(u, v, rootU, rootV, maskU, maskV, 2);
      }
      if (rootU !== rootV) {
        inMst[u * n + v] = 1;
        inMst[v * n + u] = 1;
        if (rootU < rootV) pi[rootU] = rootV;
        else pi[rootV] = rootU;
      }
      push(u, v, rootU, rootV, maskU, maskV, 0);
    };

    const lx: number[] = [];
    const ly: number[] = [];
    const wts: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (A[i * n + j] > 0) {
          lx.push(i);
          ly.push(j);
          wts.push(A[i * n + j]);
        }
      }
    }
    const zeros = new Array<number>(n).fill(0);
    push(0, 0, 0, 0, zeros, zeros, 0);
    for (const e of argsort(wts)) union(lx[e], ly[e]);

    rec.output('in_mst', inMst);
    return rec.finish();
  },
};
