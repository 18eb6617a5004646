/**
 * naive_string_matcher: clrs `algorithms/strings.py` naive_string_matcher. A hint at each shift s and after each
 * matched letter; stops at the first match. `match` marks the start of the first occurrence in T, or the needle's
 * head (node |T|) when there is none.
 */
import type { ClrsAlgorithm } from '../algorithm.js';
import { maskOne, stringsPred } from '../probing.js';
import { SampleRecorder } from '../sample.js';
import { SPECS } from '../specs.js';
import { MATCHER_MIN_N, type MatcherInput, recordMatcherInputs, sampleMatcher } from './matcher.js';

export const naiveStringMatcher: ClrsAlgorithm<MatcherInput> = {
  name: 'naive_string_matcher',
  family: 'strings',
  multiplier: 64,
  minN: MATCHER_MIN_N,
  sample: sampleMatcher,
  run(input) {
    const { text: t, pattern: p } = input;
    const nT = t.length;
    const n = nT + p.length;
    const rec = new SampleRecorder(this.name, SPECS[this.name], n);
    recordMatcherInputs(rec, input);
    const pred = stringsPred(nT, p.length);
    const push = (s: number, i: number, j: number): void =>
      rec.hint({ pred_h: pred, s: maskOne(s, n), i: maskOne(i, n), j: maskOne(nT + j, n) });
    for (let s = 0; s <= nT - p.length; s++) {
      let i = s;
      let j = 0;
      push(s, i, j);
      while (t[i] === p[j]) {
        if (j === p.length - 1) {
          rec.output('match', maskOne(s, n));
          return rec.finish();
        }
        i += 1;
        j += 1;
        push(s, i, j);
      }
    }
    rec.output('match', maskOne(nT, n));
    return rec.finish();
  },
};
