/**
 * Captions follow the scene table's text contract: lowercase, words separated by single spaces, no punctuation.
 * A language model answers in free text, so its reply is cut down to that form before it is checked or stored.
 */

export type RejectReason = 'empty' | 'too_long';

/**
 * The caption in a model's reply: reasoning blocks (`<think>...</think>`, emitted by some local models) dropped,
 * the first non-empty line kept, a leading `caption:` label removed, then normalised.
 */
export function captionFromReply(reply: string): string {
  const visible = reply.replace(/<think>[\s\S]*?(<\/think>|$)/gi, '');
  const line = visible.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return normaliseCaption(line.replace(/^\s*[*_"'`]*\s*caption\s*[*_]*\s*:/i, ''));
}

/**
 * Lowercase, apostrophes joined (`don't` -> `dont`, as a tokenizer that drops punctuation would see it), every other
 * character that is not a letter or digit turned into a space, runs of spaces collapsed. Idempotent, so it is also
 * the key under which duplicates are recognised.
 */
export function normaliseCaption(text: string): string {
  return text
    .toLowerCase()
    .replace(/['\u2019\u2018`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function wordsOf(caption: string): string[] {
  return caption === '' ? [] : caption.split(' ');
}

/** Why a normalised caption cannot be used, or null when it can. */
export function rejectReason(caption: string, maxWords: number): RejectReason | null {
  const words = wordsOf(caption).length;
  if (words === 0) return 'empty';
  return words > maxWords ? 'too_long' : null;
}

/** Whether the concept's words occur in the caption as a contiguous run of whole words. */
export function mentions(caption: string, concept: string): boolean {
  const c = normaliseCaption(concept);
  return c !== '' && ` ${caption} `.includes(` ${c} `);
}
