/**
 * Probe builders shared by the CLRS executors, after google-deepmind/clrs `probing.py`. Each returns a fresh plain
 * array laid out as `probeSize` says (edge probes row-major, row i = from node i); SampleRecorder copies and checks
 * what it is given.
 */

/** `pos`: node i at i/n, the benchmark's unique node index. */
export function positions(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i / n);
}

/** 0, 1, ..., n-1: the identity order (`A_pos` before anything moved). */
export function identity(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * `array`: predecessor pointers of an order. `order[k]` is the node at position k; node order[k] points to
 * order[k-1] and the head points to itself.
 */
export function array(order: readonly number[]): number[] {
  const probe = identity(order.length);
  for (let k = 1; k < order.length; k++) probe[order[k]] = order[k - 1];
  return probe;
}

/** `heap`: each of the first `heapSize` positions points to its binary-heap parent; the rest point to themselves. */
export function heap(order: readonly number[], heapSize: number): number[] {
  const probe = identity(order.length);
  for (let k = 1; k < heapSize; k++) probe[order[k]] = order[(k - 1) >> 1];
  return probe;
}

/** `mask_one`: one-hot of node i among n. */
export function maskOne(i: number, n: number): number[] {
  if (!(i >= 0 && i < n)) throw new Error(`maskOne: index ${i} outside 0..${n - 1}`);
  const probe = new Array<number>(n).fill(0);
  probe[i] = 1;
  return probe;
}

/** `graph`: the adjacency mask (A + I) != 0, so it always holds the self-loops. */
export function graph(a: ArrayLike<number>, n: number): number[] {
  return Array.from({ length: n * n }, (_, k) => (a[k] + (k % (n + 1) === 0 ? 1 : 0) !== 0 ? 1 : 0));
}

/** A rows x cols matrix of `value`. */
export function matrix(rows: number, cols: number, value = 0): number[][] {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(value));
}

// Two-string tasks (lcs_length, the matchers) put the first string's nT nodes first and the second string's nP
// nodes after them.

/** `strings_id`: 0 on the first string, 1 on the second. */
export function stringsId(nT: number, nP: number): number[] {
  return [...new Array<number>(nT).fill(0), ...new Array<number>(nP).fill(1)];
}

/** `strings_pos`: each string indexed on its own, i/nT then j/nP. */
export function stringsPos(nT: number, nP: number): number[] {
  return [...positions(nT), ...positions(nP)];
}

/** `strings_pred`: two predecessor chains, one per string, each head pointing to itself. */
export function stringsPred(nT: number, nP: number): number[] {
  const probe = identity(nT + nP);
  for (let i = 1; i < nT; i++) probe[i] = i - 1;
  for (let j = 1; j < nP; j++) probe[nT + j] = nT + j - 1;
  return probe;
}

/** `strings_pi`: first string points to itself; second-string node j points to nT + pi[j]. */
export function stringsPi(nT: number, pi: readonly number[]): number[] {
  const probe = identity(nT + pi.length);
  for (let j = 0; j < pi.length; j++) probe[nT + j] = nT + pi[j];
  return probe;
}

/** `strings_pair`: an nT x nP table placed on the edges first-string node i -> second-string node j; 0 elsewhere. */
export function stringsPair(table: readonly (readonly number[])[], nT: number, nP: number): number[] {
  const n = nT + nP;
  const probe = new Array<number>(n * n).fill(0);
  for (let i = 0; i < nT; i++) for (let j = 0; j < nP; j++) probe[i * n + nT + j] = table[i][j];
  return probe;
}

/**
 * `strings_pair_cat` as class indices: cell (i, nT + j) holds table[i][j] in 0..classes-1; every other cell holds
 * the extra class `classes` ("blank"; CLRS writes -1 into that class's one-hot slot, i.e. masked in the loss).
 */
export function stringsPairCat(table: readonly (readonly number[])[], nT: number, nP: number, classes: number): number[] {
  const n = nT + nP;
  const probe = new Array<number>(n * n).fill(classes);
  for (let i = 0; i < nT; i++) for (let j = 0; j < nP; j++) probe[i * n + nT + j] = table[i][j];
  return probe;
}

/**
 * numpy `argsort` for the keys the executors sort (finish times, weights, angles). Ties have probability zero
 * under the default samplers; where they occur we break them by index (a stable sort), which numpy's default
 * quicksort does not promise.
 */
export function argsort(values: ArrayLike<number>): number[] {
  return identity(values.length).sort((a, b) => values[a] - values[b] || a - b);
}
