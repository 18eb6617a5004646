/**
 * The column names of an image-token table: `causal embed-images` and `causal synth-embeddings` write it, the
 * generator (src/t2i/table.ts) reads `tokens`, the captioner (src/vlm/table.ts) reads `embedding`. The grid and
 * codebook metadata these columns carry are described in docs/architecture.md.
 */
export const TOKENS_COLUMN = 'tokens';
export const EMBEDDING_COLUMN = 'embedding';
