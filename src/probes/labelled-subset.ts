/**
 * The labelled subset of a semi-supervised experiment: a fraction of the rows of each class, chosen by seed. Train
 * (`--labels-fraction`) and the probes in eval use this one function, so "1% labels, seed 2" names the same rows
 * everywhere.
 */
import { DataError, UsageError } from '../common/errors.js';
import { rngFor } from '../common/random.js';

/**
 * Row indices (ascending) of a class-stratified subset: round(fraction * count) rows of every class, at least
 * one, drawn without replacement from rngFor(seed, `labels class K`). Rows with label < 0 (unlabelled) are never
 * chosen. Drawing each class from its own stream keeps a class's choice independent of the others' sizes.
 */
export function labelledSubset(labels: ArrayLike<number>, fraction: number, seed: number, source = 'labels'): Int32Array {
  if (!(fraction > 0 && fraction <= 1)) throw new UsageError(`--labels-fraction must be in (0, 1], got ${fraction}`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y < 0) continue;
    let rows = byClass.get(y);
    if (!rows) byClass.set(y, (rows = []));
    rows.push(i);
  }
  if (byClass.size === 0) throw new DataError(`${source}: no labelled rows to choose a labelled subset from`);
  const chosen: number[] = [];
  for (const [y, rows] of [...byClass].sort((a, b) => a[0] - b[0])) {
    const k = Math.min(rows.length, Math.max(1, Math.round(fraction * rows.length)));
    for (const j of rngFor(seed, `labels class ${y}`).sampleIndices(rows.length, k)) chosen.push(rows[j]);
  }
  return Int32Array.from(chosen.sort((a, b) => a - b));
}
