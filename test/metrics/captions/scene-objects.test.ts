/** Scene-world captions scored by meaning: counts and multiset recalls worked out by hand. */
import { describe, expect, it } from 'vitest';
import { sceneObjects } from '../../../src/metrics/captions/scene-objects.js';

const where = (i: number): string => `set: row ${i}`;

describe('sceneObjects', () => {
  it('counts objects, colours, shapes and (colour, shape) pairs as multisets, over all reference objects', () => {
    const candidates = [
      'there are two objects a red circle and a green square', // right count; red ✓ blue ✗; both shapes; one pair
      'a single blue square', // one of three objects
      'the cat sat', // not a sentence of the grammar: matches nothing
      'a small cyan cross', // exact (sizes are not compared)
    ];
    const references = [
      ['a red circle left of a blue square'],
      ['three objects a red bar a blue square and a small white cross'],
      ['an image of a yellow triangle'],
      ['not grammar xyz', 'a cyan cross'], // the first reference the grammar reads is the truth
    ];
    const s = sceneObjects(candidates, references, where);
    expect(s.parsed).toBe(3 / 4);
    expect(s.count).toBe(2 / 4);
    expect(s.colour).toBeCloseTo(3 / 7, 15);
    expect(s.shape).toBeCloseTo(4 / 7, 15);
    expect(s.pair).toBeCloseTo(3 / 7, 15);
    expect(s.exact).toBe(1 / 4);
    expect(s.perImage).toEqual([1 / 2, 1 / 3, 0, 1]);
  });

  it('matches a repeated colour once per reference object', () => {
    const s = sceneObjects(['a red circle and a red square'], [['a red circle and a blue square']], where);
    expect(s.colour).toBe(1 / 2);
    expect(s.shape).toBe(1);
  });

  it('refuses a row whose references are outside the scene grammar, naming the row', () => {
    expect(() => sceneObjects(['a red circle'], [['a cat on a mat']], where)).toThrow(/set: row 0: no reference caption is a sentence of the scene grammar/);
  });
});
