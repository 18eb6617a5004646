/**
 * The caption metrics `causal eval --metric` offers, in the order they are computed and reported whatever order they
 * were asked for in. Kept apart from the scorers so that parsing flags loads none of them.
 */
export type CaptionMetric = 'cider' | 'bleu' | 'rouge' | 'objects';
export const CAPTION_METRICS: readonly CaptionMetric[] = ['cider', 'bleu', 'rouge', 'objects'];
