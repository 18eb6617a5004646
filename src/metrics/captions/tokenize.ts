/**
 * Caption tokenization in the manner of coco-caption (pycocoevalcap/tokenizer/ptbtokenizer.py), without Java.
 *
 * coco-caption runs Stanford CoreNLP 3.4.1's PTBTokenizer with -lowerCase, then drops these punctuation tokens and
 * joins the rest with single spaces. Here: lower-case, split on whitespace, strip the punctuation PTB would split
 * off a word's edges (".", ",", "?", "!", ":", ";", brackets, quotes), and drop tokens left empty or in that list.
 *
 * Differences from the Java tokenizer, all about text that is not already tokenized:
 * - clitics stay attached: "can't" and "dog's" are one token each (PTB: "ca n't", "dog 's");
 * - a period ending an abbreviation is stripped ("mr." -> "mr"; PTB keeps "mr.");
 * - symbols PTB splits but does not drop stay attached ("$5", "50%"; PTB: "$ 5", "50 %");
 * - punctuation inside a word stays ("a,b"; PTB: "a , b"), as PTB also keeps it in "3.5" and "black-and-white".
 * On lowercase, space-separated, punctuation-free captions (the scene world's) both give the plain whitespace split.
 */
export const PTB_PUNCTUATION: ReadonlySet<string> = new Set([
  "''", "'", '``', '`', '-LRB-', '-RRB-', '-LCB-', '-RCB-', '.', '?', '!', ',', ':', '-', '--', '...', ';',
].map((t) => t.toLowerCase()));

const LEADING = /^[("'`[{]+/;
const TRAILING = /[.,?!:;)"'`\]}]+$/;

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const word of text.toLowerCase().split(/\s+/)) {
    const token = word.replace(LEADING, '').replace(TRAILING, '');
    if (token !== '' && !PTB_PUNCTUATION.has(token)) tokens.push(token);
  }
  return tokens;
}
