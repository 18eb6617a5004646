/**
 * kmp_matcher: clrs `algorithms/strings.py` kmp_matcher, with its explicit reset flags: `k_reset` / `q_reset` say
 * "k (q) is -1", which a pointer cannot hold, and `is_reset[q]` says "pi[q] is -1". Phase 0 builds the prefix
 * function over P; phase 1 scans T and stops at the first match.
 */
import type { ClrsAlgorithm } from '../algorithm.js';
import { identity, maskOne, stringsPi, stringsPred } from '../probing.js';
import { SampleRecorder } from '../sample.js';
import { SPECS } from '../specs.js';
import { MATCHER_MIN_N, type MatcherInput, recordMatcherInputs, sampleMatcher } from './matcher.js';

export const kmpMatcher: ClrsAlgorithm<MatcherInput> = {
  name: 'kmp_matcher',
  family: 'strings',
  multiplier: 64,
  minN: MATCHER_MIN_N,
  sample: sampleMatcher,
  run(input) {
    const { text: t, pattern: p } = input;
    const nT = t.length;
    const nP = p.length;
    const n = nT + nP;
    const rec = new SampleRecorder(this.name, SPECS[this.name], n);
    recordMatcherInputs(rec, input);
    const pred = stringsPred(nT, nP);
    const pi = identity(nP);
    const isReset = new Array<number>(nP).fill(0);
    let k = 0;
    let kReset = 1;
    isReset[0] = 1;
    const push = (kNode: number, qNode: number, qReset: number, s: number, i: number, phase: number): void =>
      rec.hint({
        pred_h: pred,
        pi: stringsPi(nT, pi),
        is_reset: [...new Array<number>(nT).fill(0), ...isReset],
        k: maskOne(kNode, n),
        k_reset: [kReset],
        q: maskOne(qNode, n),
        q_reset: [qReset],
        s: maskOne(s, n),
        i: maskOne(i, n),
        phase: [phase],
      });
    // the reference's first hint puts q on P's second letter, or its first when |P| = 1
    push(nT, nT + (nP > 1 ? 1 : 0), 1, 0, 0, 0);
    for (let q = 1; q < nP; q++) {
      while (kReset === 0 && p[k + 1] !== p[q]) {
        if (isReset[k] === 1) {
          kReset = 1;
          k = 0;
        } else k = pi[k];
        push(nT + k, nT + q, 1, 0, 0, 0);
      }
      if (kReset === 1) {
        kReset = 0;
        k = -1;
      }
      if (p[k + 1] === p[q]) k += 1;
      if (k === -1) {
        k = 0;
        kReset = 1;
        isReset[q] = 1;
      }
      pi[q] = k;
      push(nT + k, nT + q, 1, 0, 0, 0);
    }
    let q = 0;
    let qReset = 1;
    let s = 0;
    for (let i = 0; i < nT; i++) {
      if (i >= nP) s += 1;
      push(nT + k, nT + q, qReset, s, i, 1);
      while (qReset === 0 && p[q + 1] !== t[i]) {
        if (isReset[q] === 1) {
          q = 0;
          qReset = 1;
        } else q = pi[q];
        push(nT + k, nT + q, qReset, s, i, 1);
      }
      if (qReset === 1) {
        q = -1;
        qReset = 0;
      }
      if (p[q + 1] === t[i]) {
        if (q === nP - 2) {
          rec.output('match', maskOne(s, n));
          return rec.finish();
        }
        q += 1;
      }
      if (q === -1) {
        qReset = 1;
        q = 0;
      }
    }
    rec.output('match', maskOne(nT, n));
    return rec.finish();
  },
};
