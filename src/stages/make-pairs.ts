import { Rng } from '../common/random.js';
import type { CausePair } from '../io/pairs-table.js';
import { type PairSpec, makePairs } from '../pairs/index.js';

/**
 * Synthetic pairs with known direction (x causes y before any orientation shuffle), generated `chunk` at a time so
 * that a large count streams. Each pair draws from its own forked stream, so chunking changes nothing.
 */
export function* syntheticPairs(spec: PairSpec, seed: number, chunk = 64): Generator<CausePair> {
  const rng = new Rng(seed);
  const width = String(Math.max(spec.count - 1, 0)).length;
  for (let start = 0; start < spec.count; start += chunk) {
    const pairs = makePairs({ ...spec, count: Math.min(chunk, spec.count - start) }, rng);
    for (let k = 0; k < pairs.length; k++) {
      const p = pairs[k];
      const id = `syn-${p.mechanism}-${String(start + k).padStart(width, '0')}`;
      yield { id, x: p.x, y: p.y, weight: null, truth: 'x->y' };
    }
  }
}
