/**
 * What the 12 graph executors share beyond probing.ts: their input types, the samplers' draws, the input check and
 * the inputs every graph task records. Each executor follows its graphs.py function step for step, one file each;
 * where the reference repeats a loop, the loop is written once and the executors pass what differs
 * (dfs-walk.ts with low-points.ts, queue-growth.ts).
 */
import type { Rng } from '../../../common/random.js';
import { DEFAULT_EDGE_PROBABILITY, randomErGraph, type ErGraphOptions } from '../../er-graph.js';
import { graph, maskOne, positions } from '../../probing.js';
import { SampleRecorder } from '../../sample.js';
import { SPECS } from '../../specs.js';

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

/** The kind of Erdős-Rényi graph a sampler draws; p is the sampler's default (DEFAULT_EDGE_PROBABILITY). */
export type ErGraphKind = Pick<ErGraphOptions, 'directed' | 'acyclic' | 'weighted'>;

/** The default sampler of the graph tasks without a source: one Erdős-Rényi graph. */
export function sampleErGraph(name: string, n: number, kind: ErGraphKind, rng: Rng): GraphInput {
  return { n, A: randomErGraph(n, { p: DEFAULT_EDGE_PROBABILITY[name], ...kind }, rng) };
}

/** The default sampler of the graph tasks with a source: the graph, then the source. */
export function sampleSourcedErGraph(name: string, n: number, kind: ErGraphKind, rng: Rng): SourcedGraphInput {
  const { A } = sampleErGraph(name, n, kind, rng);
  return { n, A, s: sampleSource(n, rng) };
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

/** How every graph executor starts: check the input, open its recorder and record the graph inputs. */
export function startGraphSample(name: string, input: GraphInput | SourcedGraphInput): SampleRecorder {
  checkGraphInput(name, input);
  const rec = new SampleRecorder(name, SPECS[name], input.n);
  recordGraphInputs(rec, input);
  return rec;
}
