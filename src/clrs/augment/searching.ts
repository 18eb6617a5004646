/** The searches (clrs `searching.py`): minimum, binary_search, quickselect. */
import { identity } from '../probing.js';
import type { KeysInput } from '../samplers.js';
import type { SearchInput } from '../algorithms/binary-search.js';
import type { Augmenter } from './augmenter.js';
import { redrawAroundTarget, redrawPreservingRanks } from './rank-preserving-keys.js';
import { keepPrefix, keysOf } from './sorting.js';

/**
 * minimum: step t -> t+1 compares key t+1 with the current minimum, reading keys 0..t+1 only. Those are redrawn
 * with their ranks kept; later keys are drawn afresh and 1..maxExtra fresh keys appended (`pred_h` is the fixed
 * identity chain, so added nodes only point at each other and at the last original).
 */
export const minimumAugmenter: Augmenter<KeysInput> = {
  algorithm: 'minimum',
  alignment: 'step',
  inputOf: keysOf,
  augment: (_sample, input, t, rng, { maxExtra }) => keepPrefix(input, t + 2, rng, maxExtra),
};

/**
 * binary_search: a fresh target, and fresh sorted keys on the same side of it as before. The search only ever
 * asks "target <= key[mid]", so every answer, hence the whole trajectory, is kept. Nothing is added: more keys
 * move the initial `high` and every `mid`.
 */
export const binarySearchAugmenter: Augmenter<SearchInput> = {
  algorithm: 'binary_search',
  alignment: 'step',
  inputOf: (sample) => ({ key: sample.inputs.key.slice(), target: sample.inputs.target[0] }),
  augment: (_sample, input, _t, rng) => ({ input: redrawAroundTarget(input.key, input.target, rng), nodeMap: identity(input.key.length) }),
};

/**
 * quickselect: ranks kept, nothing added. Its graph hints `target` = rank/n and `i_rank` = (i+1)/n depend on n,
 * and the rank sought (n/2) moves with n, so any added element changes the step.
 */
export const quickselectAugmenter: Augmenter<KeysInput> = {
  algorithm: 'quickselect',
  alignment: 'step',
  inputOf: keysOf,
  augment: (_sample, input, _t, rng) => ({ input: { key: redrawPreservingRanks(input.key, rng) }, nodeMap: identity(input.key.length) }),
};
