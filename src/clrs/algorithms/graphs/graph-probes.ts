/**
 * What the 12 graph executors share beyond probing.ts: their input types, the inputs every graph task records, the
 * source draw and an input check. The executors themselves stay literal transcriptions of graphs.py, one file each.
 */
import type { Rng } from '../../../common/random.js';
import { graph, maskOne, positions } from '../../probing.js';
import type { SampleRecorder } from '../../sample.js';

/** A graph as the samplers produce it: n x n weights, row-major, entry i * n + j for the edge i -> j (0: none). */
export interface GraphInput {
  readonly n: number;
  readonly A: Float64Array;
}

/** A graph with a source node (bfs, mst_prim, bellman_ford, dijkstra, dag_shortest_paths). */
export interface SourcedGraphInput extends GraphInput {
  readonly s: number;
}

export function transpose(A: ArrayLike<number>, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = A[i * n + j];
  return t;
}

/** The inputs every graph task records: pos = i / n, A, adj = (A + I) != 0, and the source s where there is one. */
export function recordGraphInputs(rec: SampleRecorder, input: GraphInput | SourcedGraphInput): void {
  const { n, A } = input;
  rec.input('pos', positions(n));
  if ('s' in input) rec.input('s', maskOne(input.s, n));
  rec.input('A', A);
  rec.input('adj', graph(A, n));
}

/** `self._rng.choice(length)`, drawn after the graph as the samplers do. */
export function sampleSource(n: number, rng: Rng): number {
  return rng.int(n);
}

/** Checks an input before a run: a square matrix and, where given, a source inside it. */
export function checkGraphInput(name: string, input: GraphInput | SourcedGraphInput): void {
  if (!Number.isInteger(input.n) || input.n < 1 || input.A.length !== input.n * input.n) {
    throw new Error(`${name}: expected an n x n matrix for n = ${input.n}, got ${input.A.length} entries`);
  }
  if ('s' in input && !(Number.isInteger(input.s) && input.s >= 0 && input.s < input.n)) {
    throw new Error(`${name}: source ${input.s} is not a node of a ${input.n}-node graph`);
  }
}
