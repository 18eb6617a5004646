/**
 * Tarjan's low points on a timed DfsWalk, as graphs.py computes them in both articulation_points and bridges.
 * low[u] starts at d[u]. On every scan of u's row, each already-seen neighbour v other than pi[u] met before the
 * first white neighbour lowers low[u] to d[v] and is a hint step, so the same back edge is pushed again on every
 * return to u; a self-loop (the samplers draw them) counts as such a neighbour for a non-root u (a no-op on low, but
 * a hint). At u's finish, low[u] takes the minimum over u's tree children, and `child(u, v)` then judges each child
 * v; that scan runs over all v, so the finish hint records v = n - 1.
 */
import type { DfsHooks, DfsWalk } from './dfs-walk.js';

export type LowPointHooks = Pick<Required<DfsHooks>, 'discovered' | 'seen' | 'finished'>;

export function lowPointHooks(walk: DfsWalk, low: number[], child: (u: number, v: number) => void): LowPointHooks {
  const { n, pi, d } = walk;
  return {
    discovered(u) {
      low[u] = d[u];
    },
    seen(u, v) {
      if (v === pi[u]) return false;
      low[u] = Math.min(low[u], d[v]);
      return true;
    },
    finished(u) {
      for (let v = 0; v < n; v++) {
        walk.v = v;
        if (pi[v] !== u) continue;
        low[u] = Math.min(low[u], low[v]);
        child(u, v);
      }
    },
  };
}
