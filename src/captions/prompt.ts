/**
 * The chat prompt of the HTTP backend. Synth² samples a concept from a list and asks the language model for a
 * factual, image-like description containing it, in the style of a human annotation; the paper's exact wording is
 * not published, so this one is ours (docs/generate-captions.md quotes it).
 */

export interface ChatMessage {
  readonly role: 'system' | 'user';
  readonly content: string;
}

export const SYSTEM_PROMPT =
  'You write captions for photographs in the style of a human annotator (as in the COCO captions dataset): ' +
  'one plain, factual sentence about what is visible, with no opinions and no story.';

/** The user turn; `{concept}` is replaced by the concept. */
export const USER_PROMPT =
  'Write one short caption (5 to 15 words) for an imaginary photograph that shows: {concept}. ' +
  'The caption must contain the words "{concept}". Reply with the caption only, on one line, without quotes.';

/** The messages for one request; `template` replaces the user turn (`--prompt`), `{concept}` marking the concept. */
export function chatMessages(concept: string, template = USER_PROMPT): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: template.replaceAll('{concept}', concept) },
  ];
}
