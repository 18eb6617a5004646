/**
 * The captioner's word-level vocabulary: built from the training captions, stored in model.json, and used to turn
 * captions into token ids for teacher forcing and generated ids back into text.
 *
 * Words are what coco-caption scores: lower-cased, split on whitespace, with the punctuation tokens its PTB
 * tokenizer drops removed (methods/synth2.md §5.1). Inside a word only letters, digits, apostrophes and hyphens
 * survive, so "cat," and "cat" are one word while "t-shirt" and "don't" stay whole.
 */
import { DataError } from '../common/errors.js';

export const PAD = 0;
export const BOS = 1;
export const EOS = 2;
export const UNK = 3;
/** Ids 0-3, in this order, before the words. */
export const SPECIALS = ['<pad>', '<bos>', '<eos>', '<unk>'] as const;

/** Characters that are not part of a word; a token that is nothing but punctuation disappears. */
const PUNCTUATION = /[^\p{L}\p{N}'-]+/gu;

/** A caption as the list of words the model reads and writes. */
export function words(caption: string): string[] {
  return caption
    .toLowerCase()
    .replace(PUNCTUATION, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^[-']+|[-']+$/g, ''))
    .filter((w) => w.length > 0);
}

export class Vocabulary {
  private readonly index: Map<string, number>;

  /** `tokens`: the specials followed by the words, as stored in model.json. */
  constructor(readonly tokens: readonly string[]) {
    SPECIALS.forEach((s, i) => {
      if (tokens[i] !== s) throw new DataError(`vocabulary: token ${i} must be ${s}, got '${tokens[i]}'`);
    });
    this.index = new Map(tokens.map((t, i) => [t, i]));
    if (this.index.size !== tokens.length) throw new DataError('vocabulary: a token appears twice');
  }

  /**
   * The words of `captions` seen at least `minCount` times, most frequent first (ties in code-point order, so the
   * ids depend on the captions only, not on their order).
   */
  static build(captions: Iterable<string>, minCount = 1): Vocabulary {
    const counts = new Map<string, number>();
    for (const c of captions) for (const w of words(c)) counts.set(w, (counts.get(w) ?? 0) + 1);
    const kept = [...counts].filter(([, n]) => n >= minCount);
    kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return new Vocabulary([...SPECIALS, ...kept.map(([w]) => w)]);
  }

  get size(): number {
    return this.tokens.length;
  }

  /** Word ids of a caption; words outside the vocabulary become <unk>. */
  encode(caption: string): number[] {
    return words(caption).map((w) => this.index.get(w) ?? UNK);
  }

  /** The text of generated ids, up to the first <eos>; specials other than <unk> are left out. */
  decode(ids: ArrayLike<number>): string {
    const out: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id === EOS) break;
      if (id === UNK || id >= SPECIALS.length) out.push(this.tokens[id]);
    }
    return out.join(' ');
  }
}
