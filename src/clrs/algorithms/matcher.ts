/**
 * What the two string matchers share: the input (a haystack T and a needle P, nodes T then P), the sampler, and
 * the input probes.
 */
import type { Rng } from '../../common/random.js';
import { stringsId, stringsPos } from '../probing.js';
import type { SampleRecorder } from '../sample.js';
import { randomString } from '../samplers.js';

export interface MatcherInput {
  readonly text: readonly number[];
  readonly pattern: readonly number[];
}

/**
 * MatcherSampler at total length n (method note §2.4): a needle of n//5 letters (1 when n < 5) over 4 letters, a
 * haystack of the other n - |P| letters, and the needle copied into the haystack at a start drawn uniformly from
 * 0..|T|-|P|-1 (numpy `choice(|T| - |P|)`: the last possible start is never drawn). Needs |T| > |P|, so n >= 3.
 */
export function sampleMatcher(n: number, rng: Rng): MatcherInput {
  const m = n < 5 ? 1 : Math.floor(n / 5);
  const pattern = randomString(rng, m);
  const text = randomString(rng, n - m);
  const at = rng.int(n - 2 * m);
  for (let k = 0; k < m; k++) text[at + k] = pattern[k];
  return { text, pattern };
}

export const MATCHER_MIN_N = 3;

export function recordMatcherInputs(rec: SampleRecorder, input: MatcherInput): void {
  const nT = input.text.length;
  const nP = input.pattern.length;
  rec.input('string', stringsId(nT, nP));
  rec.input('pos', stringsPos(nT, nP));
  rec.input('key', [...input.text, ...input.pattern]);
}
