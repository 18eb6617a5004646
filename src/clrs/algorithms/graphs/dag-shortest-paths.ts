/**
 * Single-source shortest paths in a DAG, transcribed from graphs.py `dag_shortest_paths`. Phase 0 is
 * topological-sort.ts's DFS, but from the source s only, so the order (`topo_h`, `topo_head_h`) covers just the
 * nodes reachable from s and ends with topo_head = s. Phase 1 walks that list from s, marking each node and
 * relaxing its out-edges (a node seen for the first time takes the first offer); the list's last node is not
 * relaxed, it has no out-edges into the reachable set. `u`, `v` and `s_last` keep their phase-0 values in phase 1.
 *
 * Hints: 2r + 1 in phase 0 (r = nodes reachable from s; see topological-sort.ts), then one per relaxed node
 * (r - 1) and a final one: 3r + 1 in all.
 *
 * The reference also passes 's' to probing.push, but the spec has no 's' hint, so push drops it; it is not
 * recorded here either.
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { DEFAULT_EDGE_PROBABILITY, randomErGraph } from '../../er-graph.js';
import { SampleRecorder } from '../../sample.js';
import { SPECS } from '../../specs.js';
import { identity, maskOne } from '../../probing.js';
import { checkGraphInput, recordGraphInputs, sampleSource, type SourcedGraphInput } from './graph-probes.js';

const NAME = 'dag_shortest_paths';

export const dagShortestPaths: ClrsAlgorithm<SourcedGraphInput> = {
  name: NAME,
  family: 'graphs',
  multiplier: 1,
  sample(n: number, rng: Rng): SourcedGraphInput {
    const A = randomErGraph(n, { p: DEFAULT_EDGE_PROBABILITY[NAME], directed: true, acyclic: true, weighted: true }, rng);
    return { n, A, s: sampleSource(n, rng) };
  },
  run(input: SourcedGraphInput) {
    checkGraphInput(NAME, input);
    const { n, A, s } = input;
    const rec = new SampleRecorder(NAME, SPECS[NAME], n);
    recordGraphInputs(rec, input);

    const pi = identity(n);
    const d = new Array<number>(n).fill(0);
    const mark = new Array<number>(n).fill(0);
    const color = new Array<number>(n).fill(0);
    const topo = identity(n);
    const sPrev = identity(n);
    let topoHead = 0;
    let sLast = s;
    let u = s;
    let v = s;
    let phase = 0;
    const push = (): void =>
      rec.hint({
        pi_h: pi,
        d,
        mark,
        topo_h: topo,
        topo_head_h: maskOne(topoHead, n),
        color,
        s_prev: sPrev,
        u: maskOne(u, n),
        v: maskOne(v, n),
        s_last: maskOne(sLast, n),
        phase: [phase],
      });

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
    if (topoHead !== s) throw new Error(`${NAME}: the DFS from ${s} ended at ${topoHead}`);

    d[topoHead] = 0;
    mark[topoHead] = 1;
    phase = 1;
    while (topo[topoHead] !== topoHead) {
      const i = topoHead;
      mark[topoHead] = 1;
      push();
      for (let j = 0; j < n; j++) {
        const w = A[i * n + j];
        if (w !== 0 && (mark[j] === 0 || d[i] + w < d[j])) {
          d[j] = d[i] + w;
          pi[j] = i;
          mark[j] = 1;
        }
      }
      topoHead = topo[topoHead];
    }
    push();

    rec.output('pi', pi);
    return rec.finish();
  },
};
