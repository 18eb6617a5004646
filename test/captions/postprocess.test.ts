import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/common/errors.js';
import { parseConcepts } from '../../src/captions/concepts.js';
import { captionFromReply, mentions, normaliseCaption, rejectReason } from '../../src/captions/postprocess.js';

describe('caption post-processing', () => {
  it('lowercases, drops punctuation, joins apostrophes and collapses spaces', () => {
    expect(normaliseCaption('  A Red, Circle -- left of   a blue Square! ')).toBe('a red circle left of a blue square');
    expect(normaliseCaption("The dog's ball isn’t red.")).toBe('the dogs ball isnt red');
    expect(normaliseCaption('Two cats; 3 dogs (and a bird)')).toBe('two cats 3 dogs and a bird');
    expect(normaliseCaption('Ein Café am Fluß')).toBe('ein café am fluß');
    expect(normaliseCaption('?!...')).toBe('');
  });

  it('is idempotent', () => {
    for (const t of ['A "quoted" caption.', 'x  y', 'çà va', "it's-a test"]) {
      expect(normaliseCaption(normaliseCaption(t))).toBe(normaliseCaption(t));
    }
  });

  it('takes the caption out of a chatty model reply', () => {
    expect(captionFromReply('"A red circle above a blue square."')).toBe('a red circle above a blue square');
    expect(captionFromReply('\n\nCaption: A small dog on a red sofa.\nThis caption mentions the sofa.')).toBe('a small dog on a red sofa');
    expect(captionFromReply('**Caption:** a cat')).toBe('a cat');
    expect(captionFromReply('<think>The user wants a caption.\nOK.</think>\nA green bar next to a cross')).toBe('a green bar next to a cross');
    expect(captionFromReply('<think>still thinking when max_tokens ran out')).toBe('');
    expect(captionFromReply('   ')).toBe('');
  });

  it('rejects empty and too long captions', () => {
    expect(rejectReason('', 5)).toBe('empty');
    expect(rejectReason('one two three four five', 5)).toBeNull();
    expect(rejectReason('one two three four five six', 5)).toBe('too_long');
  });

  it('finds a concept only as whole words', () => {
    expect(mentions('a red circle left of a bar', 'left of')).toBe(true);
    expect(mentions('a red circle left of a bar', 'Red Circle')).toBe(true);
    expect(mentions('a reddish circle', 'red')).toBe(false);
    expect(mentions('a bar', 'bar left')).toBe(false);
  });
});

describe('parseConcepts', () => {
  it('reads a comma list and a file with comments and blank lines, normalised', () => {
    expect(parseConcepts('red, Blue Square ,left of', '--concepts', ',')).toEqual(['red', 'blue square', 'left of']);
    expect(parseConcepts('# colours\nred\n\n  green  \r\nDog!\n', 'c.txt', '\n')).toEqual(['red', 'green', 'dog']);
  });

  it('rejects an empty list and repeated concepts, naming the source', () => {
    expect(() => parseConcepts(' , ', '--concepts', ',')).toThrow(UsageError);
    expect(() => parseConcepts('# nothing\n', 'c.txt', '\n')).toThrow(/c\.txt: no concepts/);
    expect(() => parseConcepts('red,Red', '--concepts', ',')).toThrow(/'red' is listed twice/);
  });
});
