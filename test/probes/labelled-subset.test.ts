import { describe, expect, it } from 'vitest';
import { DataError, UsageError } from '../../src/common/errors.js';
import { labelledSubset } from '../../src/probes/labelled-subset.js';

/** 100 rows of class 0, 50 of class 1, 10 of class 2 and 20 unlabelled, interleaved. */
const labels = Int32Array.from({ length: 180 }, (_, i) => {
  if (i % 9 === 8) return -1;
  const j = i - Math.floor(i / 9);
  return j < 100 ? 0 : j < 150 ? 1 : 2;
});
const count = (rows: Int32Array, y: number) => Array.from(rows).filter((r) => labels[r] === y).length;

describe('labelledSubset', () => {
  it('takes the fraction of every class, at least one row each, in ascending order', () => {
    const rows = labelledSubset(labels, 0.1, 1);
    expect([count(rows, 0), count(rows, 1), count(rows, 2)]).toEqual([10, 5, 1]);
    expect(Array.from(rows)).toEqual(Array.from(rows).sort((a, b) => a - b));
    const tiny = labelledSubset(labels, 0.001, 1);
    expect([count(tiny, 0), count(tiny, 1), count(tiny, 2)]).toEqual([1, 1, 1]);
  });

  it('never chooses an unlabelled row, and fraction 1 takes every labelled row', () => {
    for (const seed of [1, 2, 3]) expect(Array.from(labelledSubset(labels, 0.5, seed)).every((r) => labels[r] >= 0)).toBe(true);
    expect(labelledSubset(labels, 1, 0)).toHaveLength(160);
  });

  it('is determined by the seed, and different seeds choose different rows', () => {
    expect(labelledSubset(labels, 0.2, 7)).toEqual(labelledSubset(labels, 0.2, 7));
    expect(labelledSubset(labels, 0.2, 7)).not.toEqual(labelledSubset(labels, 0.2, 8));
  });

  it('refuses a fraction outside (0, 1] and a table without labels', () => {
    expect(() => labelledSubset(labels, 0, 1)).toThrow(UsageError);
    expect(() => labelledSubset(labels, 1.5, 1)).toThrow(UsageError);
    expect(() => labelledSubset(Int32Array.from([-1, -1]), 0.5, 1, 'x.arrow')).toThrow(DataError);
  });
});
