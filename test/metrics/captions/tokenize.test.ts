import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/metrics/captions/tokenize.js';

describe('tokenize', () => {
  it('is the whitespace split on lowercase, punctuation-free captions', () => {
    expect(tokenize('a small red cube  left of\ta blue sphere')).toEqual(['a', 'small', 'red', 'cube', 'left', 'of', 'a', 'blue', 'sphere']);
  });

  it('lower-cases and drops the PTB punctuation tokens, standing alone or at word edges', () => {
    expect(tokenize('A Red cube, left of the (BLUE) sphere.')).toEqual(['a', 'red', 'cube', 'left', 'of', 'the', 'blue', 'sphere']);
    expect(tokenize('"Look" -- a cat ... ; : - ! ? `` \'\' -LRB- -RRB-')).toEqual(['look', 'a', 'cat']);
    expect(tokenize('what?! really...')).toEqual(['what', 'really']);
  });

  it('keeps punctuation inside words, as PTB does for numbers and hyphens (clitics differ: documented)', () => {
    expect(tokenize('a black-and-white 3.5 inch photo')).toEqual(['a', 'black-and-white', '3.5', 'inch', 'photo']);
    expect(tokenize("the dog's ball can't move")).toEqual(['the', "dog's", 'ball', "can't", 'move']);
  });

  it('gives no tokens for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  . , ')).toEqual([]);
  });
});
