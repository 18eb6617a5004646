/**
 * The generator's masked-token loss and accuracy on a held-out token table (`causal train --task t2i --eval`): the
 * training objective measured on scenes it does not fit, which tells memorising from learning to compose. Each row
 * gets one reference caption and one mask, both drawn from rngFor(seed, 'eval <row>'), so every evaluation of a run
 * scores the same masked positions and the numbers are comparable across steps.
 */
import { rngFor } from '../common/random.js';
import { writeCaption } from './captions.js';
import { drawMask } from './masking.js';
import { captionLengthOf, maskIdOf, positionsOf, type T2iSpec } from './model.js';

export interface HeldOutSet {
  readonly rows: number;
  /** rows x H*W: the tokens with [MASK] at the masked positions, as the model reads them. */
  readonly tokens: BigInt64Array;
  /** rows x H*W: the true codes. */
  readonly targets: Int32Array;
  /** rows x H*W: 1 at the masked (scored) positions. */
  readonly mask: Uint8Array;
  /** rows x (maxLength + 1): caption word ids as the caption encoder reads them. */
  readonly captions: BigInt64Array;
}

/** The fixed masks and captions of a held-out table whose references are already word ids. */
export function heldOutSet(tokens: Int32Array, references: readonly (readonly number[][])[], spec: T2iSpec, seed: number): HeldOutSet {
  const n = positionsOf(spec);
  const rows = references.length;
  const out: HeldOutSet = {
    rows,
    tokens: new BigInt64Array(rows * n),
    targets: tokens.slice(0, rows * n),
    mask: new Uint8Array(rows * n),
    captions: new BigInt64Array(rows * captionLengthOf(spec)),
  };
  const MASK = BigInt(maskIdOf(spec));
  for (let i = 0; i < rows; i++) {
    const rng = rngFor(seed, `eval ${i}`);
    const refs = references[i];
    writeCaption(out.captions, i, refs[rng.int(refs.length)], spec.maxLength);
    for (let p = 0; p < n; p++) out.tokens[i * n + p] = BigInt(tokens[i * n + p]);
    for (const p of drawMask(rng, n)) {
      out.tokens[i * n + p] = MASK;
      out.mask[i * n + p] = 1;
    }
  }
  return out;
}

/** Sums of the cross-entropy and of the hits over the masked positions, and their count. */
export interface MaskedSums {
  loss: number;
  hits: number;
  count: number;
}

/**
 * Adds the masked positions of rows [from, from + rows) to `sums`, given their logits [rows, H*W, K]: the
 * cross-entropy of the true code (log-sum-exp in float64) and whether it is the arg-max (the lower code at ties, as
 * the training graph's ArgMax).
 */
export function addMaskedScores(sums: MaskedSums, logits: Float32Array, set: HeldOutSet, from: number, rows: number, n: number, K: number): void {
  for (let r = 0; r < rows; r++) {
    for (let p = 0; p < n; p++) {
      const at = (from + r) * n + p;
      if (!set.mask[at]) continue;
      const base = (r * n + p) * K;
      let best = 0;
      for (let k = 1; k < K; k++) if (logits[base + k] > logits[base + best]) best = k;
      let z = 0;
      for (let k = 0; k < K; k++) z += Math.exp(logits[base + k] - logits[base + best]);
      const target = set.targets[at];
      sums.loss += Math.log(z) - (logits[base + target] - logits[base + best]);
      if (best === target) sums.hits++;
      sums.count++;
    }
  }
}
