/**
 * The depth-first walk that graphs.py writes out six times (dfs, topological_sort, articulation_points, bridges,
 * strongly_connected_components, dag_shortest_paths), written once. The executors differ only in what they do at
 * the walk's events, which they pass as hooks, and in what they record.
 *
 * The recursion is an explicit stack threaded through `s_prev` (each stacked node points at the node below it, the
 * bottom at itself) with `s_last` on top. Each time a node u is on top, its adjacency row is rescanned from index 0
 * and only the first white neighbour v is stacked (grey at once, pi[v] = u); when u has no white neighbour left it
 * finishes (black) and is popped. `v` keeps the last value of the scan loop between hint steps, as Python's loop
 * variable does (n - 1 after a scan that found no white neighbour).
 *
 * The reference has two discovery tests, hence two kinds of walk:
 * - timed (dfs, articulation_points, bridges, strongly_connected_components): times advance in steps of 0.01, d at
 *   discovery and f at finish, and u is discovered when `color[u] == 0 or d[u] == 0`, so a child (grey when stacked,
 *   d still 0) is discovered when it first comes on top;
 * - untimed (topological_sort, dag_shortest_paths): u is discovered when `color[u] == 0`, so only roots are.
 *
 * Hint steps: once per root before anything else, at every discovery, at every tree edge, at every finish, and
 * wherever the `seen` hook says so.
 */
import { identity, maskOne } from '../../probing.js';
import type { Values } from '../../sample.js';

/** What an executor does at the walk's events; each hook runs just before the hint step of its event. */
export interface DfsHooks {
  /** Records one hint step from the executor's state (the walk's and its own). */
  push(): void;
  /** u is on top of the stack, before the discovery test. */
  onTop?(u: number): void;
  /** u was just discovered (and, in a timed walk, has its d). */
  discovered?(u: number): void;
  /** v was just stacked as u's child. */
  treeEdge?(u: number, v: number): void;
  /** v, a neighbour of u that is not white, was met before u's first white neighbour: is that a hint step? */
  seen?(u: number, v: number): boolean;
  /** u just turned black (and, in a timed walk, has its f). */
  finished?(u: number): void;
}

export class DfsWalk {
  readonly color: number[];
  /** The DFS forest: a root points at itself. */
  readonly pi: number[];
  readonly d: number[];
  readonly f: number[];
  readonly sPrev: number[];
  time = 0;
  /** The current root. */
  s = 0;
  u = 0;
  v = 0;
  sLast = 0;

  constructor(
    readonly n: number,
    private readonly timed: boolean,
  ) {
    this.color = new Array<number>(n).fill(0);
    this.pi = identity(n);
    this.d = new Array<number>(n).fill(0);
    this.f = new Array<number>(n).fill(0);
    this.sPrev = identity(n);
  }

  /** Walks from each root in turn that is still white. */
  fromRoots(roots: readonly number[], M: ArrayLike<number>, hooks: DfsHooks): void {
    for (const root of roots) if (this.color[root] === 0) this.visit(root, M, hooks);
  }

  /** Walks everything white reachable from `root` over the edges i -> j with M[i * n + j] != 0. */
  visit(root: number, M: ArrayLike<number>, hooks: DfsHooks): void {
    const { n, color, pi, d, f, sPrev } = this;
    this.s = root;
    this.sLast = root;
    this.u = root;
    this.v = root;
    hooks.push();
    for (;;) {
      const u = this.u;
      hooks.onTop?.(u);
      if (color[u] === 0 || (this.timed && d[u] === 0)) {
        if (this.timed) {
          this.time += 0.01;
          d[u] = this.time;
        }
        color[u] = 1;
        hooks.discovered?.(u);
        hooks.push();
      }
      for (let v = 0; v < n; v++) {
        this.v = v;
        if (M[u * n + v] === 0) continue;
        if (color[v] === 0) {
          pi[v] = u;
          color[v] = 1;
          sPrev[v] = this.sLast;
          this.sLast = v;
          hooks.treeEdge?.(u, v);
          hooks.push();
          break;
        }
        if (hooks.seen?.(u, v)) hooks.push();
      }
      if (this.sLast === u) {
        color[u] = 2;
        if (this.timed) {
          this.time += 0.01;
          f[u] = this.time;
        }
        hooks.finished?.(u);
        hooks.push();
        if (sPrev[u] === u) break;
        const below = sPrev[u];
        sPrev[u] = u;
        this.sLast = below;
      }
      this.u = this.sLast;
    }
  }

  /** Whitens every node and empties the stack for a second walk; pi, d, f and the clock carry on (Kosaraju). */
  restart(): void {
    this.color.fill(0);
    for (let i = 0; i < this.n; i++) this.sPrev[i] = i;
  }

  /**
   * The stack's hints: color, s_prev, u, v, s_last and, with `withRoot`, s (dag_shortest_paths walks from its
   * source alone and its spec has no `s` hint).
   */
  stackHints(withRoot = true): Record<string, Values> {
    const { n } = this;
    const hints = {
      color: this.color,
      s_prev: this.sPrev,
      u: maskOne(this.u, n),
      v: maskOne(this.v, n),
      s_last: maskOne(this.sLast, n),
    };
    return withRoot ? { ...hints, s: maskOne(this.s, n) } : hints;
  }

  /** A timed walk's clock hints: d, f and time. */
  clockHints(): Record<string, Values> {
    return { d: this.d, f: this.f, time: [this.time] };
  }
}
