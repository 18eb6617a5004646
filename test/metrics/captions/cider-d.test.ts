import { describe, expect, it } from 'vitest';
import { ciderD } from '../../../src/metrics/captions/cider-d.js';

// The method note's test vectors (../shared/methods/synth2.md §5.4), then cases derived by hand below.
const PERFECT_REFS = [['hello world good bye'], ['this is perfect test', 'this is perfect test']];

const SCENES = {
  candidates: ['a red cube left of a blue sphere', 'a green cylinder', 'two yellow spheres'],
  references: [
    ['a red cube to the left of a blue sphere', 'a blue sphere right of a red cube'],
    ['a small green cylinder', 'a green cylinder on the floor'],
    ['two yellow balls', 'a pair of yellow spheres'],
  ],
};

describe('ciderD: published and reference values (§5.4)', () => {
  it('gives 10 to every image whose candidate equals its references', () => {
    const r = ciderD(['hello world good bye', 'this is perfect test'], PERFECT_REFS);
    expect(r.perImage).toEqual([10, 10]);
    expect(r.score).toBe(10);
  });

  it('lower-cases like the irisml pipeline: mixed case still scores 10', () => {
    const r = ciderD(['Hello World good bye', 'THIS is Perfect test'], PERFECT_REFS);
    expect(r.perImage).toEqual([10, 10]);
  });

  it('gives 0 when no word overlaps', () => {
    const r = ciderD(['how are you today', 'only wrong words here'], PERFECT_REFS);
    expect(r.perImage).toEqual([0, 0]);
    expect(r.score).toBe(0);
  });

  // Matched to 13 decimals: V8's Math.log and Math.exp may round differently from glibc's in the last bit.
  it('reproduces the three-scene regression value', () => {
    const r = ciderD(SCENES.candidates, SCENES.references);
    expect(r.score).toBeCloseTo(3.8453142864660457, 13);
    [5.362435969824947, 3.526123873753886, 2.6473830158193055].forEach((v, i) => expect(r.perImage[i]).toBeCloseTo(v, 13));
  });

  it('clips repeated n-grams: "a red cube" three times scores 1.0901177689752037 on image 1', () => {
    const r = ciderD(['a red cube a red cube a red cube', ...SCENES.candidates.slice(1)], SCENES.references);
    expect(r.perImage[0]).toBeCloseTo(1.0901177689752037, 13);
    [3.526123873753886, 2.6473830158193055].forEach((v, i) => expect(r.perImage[i + 1]).toBeCloseTo(v, 13));
  });

  it('scores one image alone 0: with N = 1 every idf is ln 1 - ln 1 = 0', () => {
    expect(ciderD(['a red cube'], [['a red cube']]).score).toBe(0);
  });

  it('refuses an image without references and mismatched lengths', () => {
    expect(() => ciderD(['a'], [[]])).toThrow(/image 0 has no reference/);
    expect(() => ciderD(['a', 'b'], [['a']])).toThrow(/2 candidates but 1 reference lists/);
  });
});

describe('ciderD: a three-image case derived by hand', () => {
  /*
   * Images (candidate | references):
   *   1  "red cube"   | "red cube", "a blue cube"
   *   2  "blue ball"  | "blue ball"
   *   3  "green cube" | "red ball"
   * N = 3; write L = ln 3 and M = ln 3 - ln 2 = ln 1.5.
   * df over pooled references (image 1 pools {red, cube, a, blue}, image 2 {blue, ball}, image 3 {red, ball}):
   *   unigrams red 2, blue 2, ball 2 -> idf M;  cube 1, a 1 -> idf L;  green 0 -> idf ln 3 - ln max(1, 0) = L.
   *   bigrams "red cube", "a blue", "blue cube", "blue ball", "red ball": df 1 -> idf L ("green cube": df 0 -> L);
   *   trigram "a blue cube": df 1 -> L.
   * Lengths (bigram counts): every candidate 1; "a blue cube" 2, the other references 1.
   * Image 1, candidate g1 = {red: M, cube: L} (norm sqrt(M^2 + L^2)), g2 = {red cube: L} (norm L), g3 = g4 = {}.
   *   vs "red cube": identical, no length difference: sim1 = sim2 = 1; sim3 = sim4 = 0 (zero norms).
   *   vs "a blue cube": g1 = {a: L, blue: M, cube: L} (norm sqrt(2L^2 + M^2)); only "cube" is shared:
   *     sim1 = L^2 / (sqrt(M^2 + L^2) sqrt(2L^2 + M^2)) * exp(-(1 - 2)^2 / 72) =: s; sim2 = sim3 = sim4 = 0.
   *   score = 10 * ((1 + 1 + 0 + 0) / 4 + (s + 0 + 0 + 0) / 4) / 2 = 2.5 + 1.25 s.
   * Image 2: g1 = {blue: M, ball: M}, g2 = {blue ball: L}, identical to the reference: 10 * (1 + 1) / 4 = 5
   *   (a perfect two-word caption scores 5, not 10: its 3- and 4-gram terms are 0).
   * Image 3: no shared n-gram: 0.
   * Set: (2.5 + 1.25 s + 5 + 0) / 3, with s = 0.63301..., i.e. 2.76375...
   */
  const candidates = ['red cube', 'blue ball', 'green cube'];
  const references = [['red cube', 'a blue cube'], ['blue ball'], ['red ball']];
  const L = Math.log(3);
  const M = Math.log(3) - Math.log(2);
  const s = ((L * L) / (Math.sqrt(M * M + L * L) * Math.sqrt(2 * L * L + M * M))) * Math.exp(-1 / 72);
  const image1 = 2.5 + 1.25 * s;

  it('matches the hand derivation', () => {
    const r = ciderD(candidates, references);
    expect(r.perImage[0]).toBeCloseTo(image1, 14);
    expect(r.perImage[1]).toBeCloseTo(5, 14);
    expect(r.perImage[2]).toBe(0);
    expect(r.score).toBeCloseTo((image1 + 5) / 3, 14);
    expect(r.score).toBeCloseTo(2.7637574780117915, 14);
  });

  it('does not let candidates change the document frequencies', () => {
    const other = ciderD(['red cube', 'blue ball', 'red red red'], references);
    expect(other.perImage.slice(0, 2)).toEqual(ciderD(candidates, references).perImage.slice(0, 2));
  });
});
