import { describe, expect, it } from 'vitest';
import { EOS, PAD, SPECIALS, UNK, Vocabulary, words } from '../../src/vlm/vocabulary.js';

describe('caption words', () => {
  it('lower-cases, drops punctuation tokens and keeps hyphenated words and contractions whole', () => {
    expect(words('A Red circle, above the  BLUE square.')).toEqual(['a', 'red', 'circle', 'above', 'the', 'blue', 'square']);
    expect(words("a t-shirt -- don't ... (left)!")).toEqual(['a', 't-shirt', "don't", 'left']);
    expect(words(' \t ')).toEqual([]);
  });
});

describe('Vocabulary', () => {
  const captions = ['a red circle', 'a blue circle', 'A red square.', 'zebra'];

  it('puts the specials first, then words by frequency, ties alphabetically', () => {
    const v = Vocabulary.build(captions);
    expect(v.tokens).toEqual([...SPECIALS, 'a', 'circle', 'red', 'blue', 'square', 'zebra']);
    expect(Vocabulary.build([...captions].reverse()).tokens).toEqual(v.tokens);
    expect(Vocabulary.build(captions, 2).tokens).toEqual([...SPECIALS, 'a', 'circle', 'red']);
  });

  it('round-trips captions through ids, unknown words becoming <unk>', () => {
    const v = Vocabulary.build(captions);
    const ids = v.encode('A blue square!');
    expect(ids).toEqual([4, 7, 8]);
    expect(v.decode(ids)).toBe('a blue square');
    expect(v.decode([...ids, EOS, 5])).toBe('a blue square');
    expect(v.encode('a green circle')).toEqual([4, UNK, 5]);
    expect(v.decode([PAD, 4, UNK, 5])).toBe('a <unk> circle');
    // as stored in model.json
    expect(new Vocabulary(JSON.parse(JSON.stringify(v.tokens))).encode('red zebra')).toEqual([6, 9]);
  });

  it('refuses a stored vocabulary without the specials in place', () => {
    expect(() => new Vocabulary(['a', '<pad>', '<bos>', '<eos>', '<unk>'])).toThrow(/token 0 must be <pad>/);
    expect(() => new Vocabulary([...SPECIALS, 'a', 'a'])).toThrow(/appears twice/);
  });
});
