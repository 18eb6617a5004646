import { expect } from 'vitest';
import type { ClrsAlgorithm } from '../../src/clrs/algorithm.js';
import type { Sample } from '../../src/clrs/sample.js';
import { sampleAt } from '../../src/clrs/splits.js';
import { SPECS } from '../../src/clrs/specs.js';

/** Samples 0..count-1 of `algorithm` at size n under `seed`. */
export function samplesOf(algorithm: ClrsAlgorithm, n: number, count: number, seed = 7): Sample[] {
  return Array.from({ length: count }, (_, i) => sampleAt(algorithm, n, seed, i));
}

/** The node order a predecessor-pointer array describes (head points to itself); fails unless it is a chain. */
export function orderFromPred(pred: ArrayLike<number>): number[] {
  const n = pred.length;
  const heads = Array.from({ length: n }, (_, i) => i).filter((i) => pred[i] === i);
  expect(heads).toHaveLength(1);
  const next = new Map<number, number>();
  for (let i = 0; i < n; i++) if (pred[i] !== i) next.set(pred[i], i);
  const order = [heads[0]];
  while (next.has(order[order.length - 1])) order.push(next.get(order[order.length - 1])!);
  expect(order).toHaveLength(n);
  return order;
}

export const oneHot = (v: ArrayLike<number>): number => Array.prototype.indexOf.call(v, 1);

/** The probes a sample holds are exactly its spec's, and every hint has `length` steps. */
export function expectMatchesSpec(s: Sample): void {
  const spec = SPECS[s.algorithm];
  const names = (stage: string): string[] => Object.keys(spec).filter((k) => spec[k].stage === stage).sort();
  expect(Object.keys(s.inputs).sort()).toEqual(names('input'));
  expect(Object.keys(s.outputs).sort()).toEqual(names('output'));
  expect(Object.keys(s.hints).sort()).toEqual(names('hint'));
  for (const t of Object.values(s.hints)) expect(t).toHaveLength(s.length);
}

/** The same seed gives the same samples; another seed gives others. */
export function expectDeterministic(algorithm: ClrsAlgorithm, n: number): void {
  const a = samplesOf(algorithm, n, 3, 11);
  expect(samplesOf(algorithm, n, 3, 11)).toEqual(a);
  expect(samplesOf(algorithm, n, 3, 12)).not.toEqual(a);
}
