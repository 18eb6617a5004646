/**
 * The oracle (method note §4.1-4.2): an augmentation is kept only if the augmented run takes the same step on the
 * original nodes. "Same" is exact equality of every hint probe restricted to the original nodes, at the state
 * before the step and the state after it:
 *
 * - node probes: entry nodeMap[i] of the augmented snapshot against entry i of the original, for each original i;
 * - edge probes: entry (nodeMap[i], nodeMap[j]) against (i, j), for original i, j;
 * - graph probes: the one value;
 * - pointer values are mapped too: an original pointer to node j must be a pointer to nodeMap[j]. A pointer from an
 *   original node to an added node therefore never matches; the rules place added nodes where no original points.
 *
 * Inputs and outputs are not compared (the augmentation changes inputs by design; `pos` = i/n is rescaled by any
 * added node), only hints. With 'step' alignment the step is t in both runs; with 'state' alignment the oracle
 * looks for the first t' whose hint t' equals hint t of the original and whose hint t'+1 equals hint t+1.
 */
import type { ProbeSpec } from '../probe-spec.js';
import type { Sample } from '../sample.js';
import { SPECS } from '../specs.js';
import type { Alignment } from './augmenter.js';

/**
 * The hint probes on which augmented step `ta`, restricted to the original nodes through nodeMap, differs from
 * original step `to`; at most `limit` of them.
 */
export function differingProbes(original: Sample, to: number, augmented: Sample, ta: number, nodeMap: readonly number[], limit = Infinity): string[] {
  const out: string[] = [];
  for (const [name, p] of Object.entries(SPECS[original.algorithm])) {
    if (p.stage !== 'hint') continue;
    if (!sameSnapshot(p, original.hints[name][to], original.n, augmented.hints[name][ta], augmented.n, nodeMap)) out.push(name);
    if (out.length >= limit) break;
  }
  return out;
}

/** Whether augmented hint step `ta`, restricted to the original nodes through nodeMap, equals original hint `to`. */
export function sameState(original: Sample, to: number, augmented: Sample, ta: number, nodeMap: readonly number[]): boolean {
  return differingProbes(original, to, augmented, ta, nodeMap, 1).length === 0;
}

function sameSnapshot(p: ProbeSpec, o: Float64Array, n: number, a: Float64Array, m: number, nodeMap: readonly number[]): boolean {
  const value = p.type === 'pointer' ? (v: number): number => nodeMap[v] : (v: number): number => v;
  if (p.location === 'graph') return a[0] === value(o[0]);
  if (p.location === 'node') {
    for (let i = 0; i < n; i++) if (a[nodeMap[i]] !== value(o[i])) return false;
    return true;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (a[nodeMap[i] * m + nodeMap[j]] !== value(o[i * n + j])) return false;
  }
  return true;
}

/**
 * The augmented step that repeats the original's step t -> t+1: t itself ('step') or the first matching t'
 * ('state'); null when there is none, i.e. the augmentation is rejected.
 */
export function matchStep(original: Sample, t: number, augmented: Sample, nodeMap: readonly number[], alignment: Alignment): number | null {
  if (!(t >= 0 && t + 1 < original.length)) throw new Error(`matchStep: step ${t} has no successor in a ${original.length}-step trajectory`);
  const candidates = alignment === 'step' ? [t] : Array.from({ length: Math.max(0, augmented.length - 1) }, (_, k) => k);
  for (const ta of candidates) {
    if (ta + 1 >= augmented.length) continue;
    if (sameState(original, t, augmented, ta, nodeMap) && sameState(original, t + 1, augmented, ta + 1, nodeMap)) return ta;
  }
  return null;
}
