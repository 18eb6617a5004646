/**
 * The four sorts (clrs `sorting.py`). They compare keys only, so every rule starts from a rank-preserving redraw;
 * what may be added depends on which positions the next step reads (docs/clrs-augment.md).
 */
import type { Rng } from '../../common/random.js';
import { identity } from '../probing.js';
import type { Sample } from '../sample.js';
import type { KeysInput } from '../samplers.js';
import { type Augmentation, type Augmenter, extraCount, marked } from './augmenter.js';
import { ascendingAbove, redrawPreservingRanks } from './rank-preserving-keys.js';

export const keysOf = (sample: Sample): KeysInput => ({ key: sample.inputs.key.slice() });

/**
 * Keys 0..read-1 redrawn with their ranks kept, the later ones drawn afresh, and 1..maxExtra fresh keys appended:
 * the rule for a step that reads a prefix only (insertion_sort, minimum).
 */
export function keepPrefix(input: KeysInput, read: number, rng: Rng, maxExtra: number): Augmentation<KeysInput> {
  const n = input.key.length;
  const key = new Float64Array(n + extraCount(rng, maxExtra));
  key.set(redrawPreservingRanks(input.key.subarray(0, read), rng));
  for (let i = read; i < key.length; i++) key[i] = rng.uniform();
  return { input: { key }, nodeMap: identity(n) };
}

function maxOf(keys: Float64Array): number {
  return keys.reduce((m, k) => Math.max(m, k), 0);
}

/** Original keys (redrawn) followed by `extra` ascending keys above all of them. */
function withLargerKeys(input: KeysInput, extra: number, rng: Rng): Augmentation<KeysInput> {
  const n = input.key.length;
  const kept = redrawPreservingRanks(input.key, rng);
  const key = new Float64Array(n + extra);
  key.set(kept);
  key.set(ascendingAbove(rng, extra, maxOf(kept)), n);
  return { input: { key }, nodeMap: identity(n) };
}

/**
 * insertion_sort: step t -> t+1 inserts position t+1 into the sorted prefix, reading keys 0..t+1 only. Those are
 * redrawn with their ranks kept; the keys after them are drawn afresh and 1..maxExtra fresh keys are appended.
 */
export const insertionSortAugmenter: Augmenter<KeysInput> = {
  algorithm: 'insertion_sort',
  alignment: 'step',
  inputOf: keysOf,
  augment: (_sample, input, t, rng, { maxExtra }) => keepPrefix(input, t + 2, rng, maxExtra),
};

/** Node positions from a predecessor chain (`probing.array`): order[k] is the node at position k. */
function orderOf(pred: ArrayLike<number>): number[] {
  const n = pred.length;
  const next = new Array<number>(n).fill(-1);
  let head = -1;
  for (let i = 0; i < n; i++) {
    if (pred[i] === i) head = i;
    else next[pred[i]] = i;
  }
  const order: number[] = [];
  for (let i = head; i >= 0 && order.length < n; i = next[i]) order.push(i);
  return order;
}

/**
 * bubble_sort: ranks kept, and 1..maxExtra keys above every original appended. They sit at the end and never
 * swap with an original, but each pass now starts with extra comparisons among them, so steps shift ('state').
 * When step t+1 is the first comparison of a pass (j at the last position), the augmented pass would start on an
 * added element instead: then nothing is appended, only the ranks are redrawn.
 */
export const bubbleSortAugmenter: Augmenter<KeysInput> = {
  algorithm: 'bubble_sort',
  alignment: 'state',
  inputOf: keysOf,
  augment(sample, input, t, rng, { maxExtra }) {
    const n = sample.n;
    const startsPass = orderOf(sample.hints.pred_h[t + 1])[n - 1] === marked(sample.hints.j[t + 1]);
    return withLargerKeys(input, startsPass ? 0 : extraCount(rng, maxExtra), rng);
  },
};

/**
 * heapsort: ranks kept, nothing added. Appending changes the heap's shape and `heap_size` (it marks the last heap
 * node, an added one), and the root swaps then park originals at other positions, so no append keeps a step.
 */
export const heapsortAugmenter: Augmenter<KeysInput> = {
  algorithm: 'heapsort',
  alignment: 'step',
  inputOf: keysOf,
  augment: (_sample, input, _t, rng) => ({ input: { key: redrawPreservingRanks(input.key, rng) }, nodeMap: identity(input.key.length) }),
};

/**
 * quicksort: ranks kept, and 1..maxExtra ascending keys above every original appended. Each added key is the
 * pivot of a partition that moves nothing and ends in place, so after those partitions the run is sort(0, n-1)
 * on the original array: the original trajectory, shifted ('state').
 */
export const quicksortAugmenter: Augmenter<KeysInput> = {
  algorithm: 'quicksort',
  alignment: 'state',
  inputOf: keysOf,
  augment: (_sample, input, _t, rng, { maxExtra }) => withLargerKeys(input, extraCount(rng, maxExtra), rng),
};
