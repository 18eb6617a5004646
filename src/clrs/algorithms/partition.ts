/**
 * The Lomuto partition shared by quicksort and quickselect (clrs `sorting.py` and `searching.py` each carry a copy):
 * a hint after every comparison and one after the pivot moves into place.
 */
import { array, maskOne } from '../probing.js';

// a type alias, not an interface, so that it fits SampleRecorder.hint's index signature
export type PartitionHint = {
  readonly pred_h: number[];
  readonly p: number[];
  readonly r: number[];
  readonly i: number[];
  readonly j: number[];
};

/**
 * Partitions a[p..r] around a[r], permuting `order` alongside, and returns the pivot's final position. `push`
 * receives each hint, with `iRank` the rank the reference records: (i + 1) / n after a comparison but
 * (i + 1 - p) / n after the final swap (the reference's own inconsistency, kept).
 */
export function partition(
  a: number[],
  order: number[],
  p: number,
  r: number,
  push: (hint: PartitionHint, iRank: number) => void,
): number {
  const n = a.length;
  const x = a[r];
  let i = p - 1;
  for (let j = p; j < r; j++) {
    if (a[j] <= x) {
      i += 1;
      [a[i], a[j]] = [a[j], a[i]];
      [order[i], order[j]] = [order[j], order[i]];
    }
    push(
      { pred_h: array(order), p: maskOne(order[p], n), r: maskOne(order[r], n), i: maskOne(order[i + 1], n), j: maskOne(order[j], n) },
      (i + 1) / n,
    );
  }
  [a[i + 1], a[r]] = [a[r], a[i + 1]];
  [order[i + 1], order[r]] = [order[r], order[i + 1]];
  push(
    { pred_h: array(order), p: maskOne(order[p], n), r: maskOne(order[r], n), i: maskOne(order[i + 1], n), j: maskOne(order[r], n) },
    (i + 1 - p) / n,
  );
  return i + 1;
}
