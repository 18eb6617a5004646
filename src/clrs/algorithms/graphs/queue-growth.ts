/**
 * The loop mst_prim and dijkstra share in graphs.py: grow from the source by repeated extract-min over the `in_queue`
 * mask, relaxing the extracted node's unmarked neighbours. They differ only in the key a neighbour gets (Prim: the
 * edge weight; Dijkstra: the path length through u) and in that key's hint name.
 *
 * Extract-min is `argsort(key + (1 - in_queue) * 1e9)[0]`: the lowest key in the queue, the lowest index on ties
 * (np.argsort's quicksort does not promise that beyond 16 elements; continuous weights tie with probability 0); the
 * loop stops when the pick is out of the queue. Only nodes the growth touches ever enter the queue, so every other
 * node keeps key 0 and points at itself. Hints: one at the start (u = s), then one after each extraction.
 */
import type { Sample } from '../../sample.js';
import { argsort, identity, maskOne } from '../../probing.js';
import { startGraphSample, type SourcedGraphInput } from './graph-probes.js';

export function growFromSource(name: string, input: SourcedGraphInput, keyHint: string, newKey: (keyU: number, weight: number) => number): Sample {
  const { n, A, s } = input;
  const rec = startGraphSample(name, input);

  const key = new Array<number>(n).fill(0);
  const mark = new Array<number>(n).fill(0);
  const inQueue = new Array<number>(n).fill(0);
  const pi = identity(n);
  inQueue[s] = 1;
  const push = (u: number): void => rec.hint({ pi_h: pi, [keyHint]: key, mark, in_queue: inQueue, u: maskOne(u, n) });
  push(s);

  for (let step = 0; step < n; step++) {
    const u = argsort(key.map((x, i) => x + (1.0 - inQueue[i]) * 1e9))[0];
    if (inQueue[u] === 0) break;
    mark[u] = 1;
    inQueue[u] = 0;
    for (let v = 0; v < n; v++) {
      const w = A[u * n + v];
      if (w !== 0 && mark[v] === 0 && (inQueue[v] === 0 || newKey(key[u], w) < key[v])) {
        pi[v] = u;
        key[v] = newKey(key[u], w);
        inQueue[v] = 1;
      }
    }
    push(u);
  }

  rec.output('pi', pi);
  return rec.finish();
}
