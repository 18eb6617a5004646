/**
 * Which token positions are masked: in training (MaskGIT's cosine mask ratio) and in decoding (how many positions
 * stay masked after each step of the cosine schedule). docs/t2i.md has the formulas and the reasons.
 */
import type { Rng } from '../common/random.js';

/** MaskGIT's training mask ratio r = cos(pi/2 u) for u ~ U(0, 1): high ratios are likelier, as in early decoding. */
export const maskRatio = (u: number): number => Math.cos((Math.PI / 2) * u);

/** Positions masked at ratio r out of n: ceil(r n), at least one (a row with nothing masked has no loss). */
export const maskedCount = (r: number, n: number): number => Math.min(n, Math.max(1, Math.ceil(r * n)));

/** A training mask for one row of n positions: u, then the masked positions, from `rng`; ascending. */
export function drawMask(rng: Rng, n: number): number[] {
  return rng.sampleIndices(n, maskedCount(maskRatio(rng.uniform()), n));
}

/**
 * Positions still masked after each of `steps` decoding steps over n positions, starting from all n masked:
 * floor(n cos(pi/2 (s+1)/steps)), but at least one fewer than before (every step reveals a token while it can) and
 * at least one until the last step, which reveals the rest (MaskGIT's clamp). Ends at 0.
 */
export function unmaskSchedule(steps: number, n: number): number[] {
  const out: number[] = [];
  let masked = n;
  for (let s = 0; s < steps; s++) {
    masked = s === steps - 1 ? 0 : Math.max(1, Math.min(masked - 1, Math.floor(n * Math.cos((Math.PI / 2) * ((s + 1) / steps)))));
    out.push(masked);
  }
  return out;
}
