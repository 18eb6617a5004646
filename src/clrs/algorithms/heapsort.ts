/**
 * heapsort: clrs `algorithms/sorting.py` heapsort. One hint per max_heapify call (build phase 0, sift phase 2) and
 * one per root swap (phase 1), after an initial hint.
 */
import type { ClrsAlgorithm } from '../algorithm.js';
import { array, heap, identity, maskOne } from '../probing.js';
import { type KeysInput, sampleKeys } from '../samplers.js';
import { startKeysSample } from './keys.js';

export const heapsort: ClrsAlgorithm<KeysInput> = {
  name: 'heapsort',
  family: 'sorting',
  multiplier: 1,
  sample: (n, rng) => sampleKeys(n, rng),
  run(input) {
    const { a, n, rec } = startKeysSample(this.name, input);
    const order = identity(n);
    const swap = (x: number, y: number): void => {
      [a[x], a[y]] = [a[y], a[x]];
      [order[x], order[y]] = [order[y], order[x]];
    };
    const last = maskOne(n - 1, n);
    rec.hint({ pred_h: array(order), parent: heap(order, n), i: last, j: last, largest: last, heap_size: last, phase: [0] });

    const maxHeapify = (i: number, heapSize: number, ind: number, phase: number): void => {
      const l = 2 * i + 1;
      const r = 2 * i + 2;
      let largest = l < heapSize && a[l] > a[i] ? l : i;
      if (r < heapSize && a[r] > a[largest]) largest = r;
      if (largest !== i) swap(i, largest);
      rec.hint({
        pred_h: array(order),
        parent: heap(order, heapSize),
        i: maskOne(order[ind], n),
        j: maskOne(order[i], n),
        largest: maskOne(order[largest], n),
        heap_size: maskOne(order[heapSize - 1], n),
        phase: [phase],
      });
      if (largest !== i) maxHeapify(largest, heapSize, ind, phase);
    };

    for (let i = n - 1; i >= 0; i--) maxHeapify(i, n, i, 0);
    let heapSize = n;
    for (let i = n - 1; i >= 1; i--) {
      swap(0, i);
      heapSize -= 1;
      rec.hint({
        pred_h: array(order),
        parent: heap(order, heapSize),
        i: maskOne(order[0], n),
        j: maskOne(order[i], n),
        // the reference writes node 0 here (its comment: "consider masking"), not the node at position 0
        largest: maskOne(0, n),
        heap_size: maskOne(order[heapSize - 1], n),
        phase: [1],
      });
      maxHeapify(0, heapSize, i, 2);
    }
    rec.output('pred', array(order));
    return rec.finish();
  },
};
