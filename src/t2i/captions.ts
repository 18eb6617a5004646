import { BOS, PAD } from '../vlm/vocabulary.js';

/**
 * Writes a caption's word ids as the caption encoder reads them into row `row` of `out` (rows of maxLength + 1):
 * <bos>, the first maxLength words, then <pad>. `null` is the dropped caption of classifier-free guidance: <bos>
 * alone. Training and sampling both pad to the full length, so a row's input never depends on its batch.
 */
export function writeCaption(out: BigInt64Array, row: number, ids: readonly number[] | null, maxLength: number): void {
  const L = maxLength + 1;
  out.fill(BigInt(PAD), row * L, (row + 1) * L);
  out[row * L] = BigInt(BOS);
  const words = ids ?? [];
  for (let k = 0; k < Math.min(words.length, maxLength); k++) out[row * L + 1 + k] = BigInt(words[k]);
}
