import { describe, expect, it } from 'vitest';
import { MixedBatches, type Pick } from '../../src/vlm/mixing.js';

const refs = (rows: number, k = 5): number[] => new Array(rows).fill(k);

function run(plan: MixedBatches, steps: number): Pick[][] {
  return Array.from({ length: steps }, (_, t) => plan.batch(t + 1));
}

describe('MixedBatches', () => {
  it('fills each batch at the set share, exact to within one pair over any run of steps', () => {
    const plan = new MixedBatches([refs(50), refs(30)], 0.3, 16, 1);
    const batches = run(plan, 40);
    let synthetic = 0;
    batches.forEach((b, t) => {
      expect(b).toHaveLength(16);
      synthetic += b.filter((p) => p.source === 0).length;
      expect(Math.abs(synthetic - 0.3 * 16 * (t + 1))).toBeLessThan(1);
      // source 0's pairs come first
      expect(b.map((p) => p.source)).toEqual([...b.map((p) => p.source)].sort());
    });
  });

  it('takes every row of a source once per pass over it, in a new order each pass', () => {
    const plan = new MixedBatches([refs(20), refs(7)], 0.5, 6, 2);
    const picks = run(plan, 20).flat();
    for (const [s, rows] of [[0, 20], [1, 7]]) {
      const stream = picks.filter((p) => p.source === s).map((p) => p.row);
      const passes = Math.floor(stream.length / rows);
      expect(passes).toBeGreaterThanOrEqual(2);
      const orders = Array.from({ length: passes }, (_, e) => stream.slice(e * rows, (e + 1) * rows));
      for (const o of orders) expect([...o].sort((a, b) => a - b)).toEqual(Array.from({ length: rows }, (_, i) => i));
      expect(orders[0]).not.toEqual(orders[1]);
    }
  });

  it('draws each row one reference per pass, within its count, varying between passes', () => {
    const counts = Array.from({ length: 10 }, (_, i) => 1 + (i % 4));
    const plan = new MixedBatches([counts], 1, 5, 3);
    const picks = run(plan, 40).flat();
    for (const p of picks) expect(p.reference).toBeLessThan(counts[p.row]);
    const row9 = picks.filter((p) => p.row === 9).map((p) => p.reference);
    expect(new Set(row9).size).toBeGreaterThan(1);
    expect(picks.filter((p) => p.row === 0).every((p) => p.reference === 0)).toBe(true);
  });

  it('is a function of (seed, step): the same batches in any order of asking, others for another seed', () => {
    const a = run(new MixedBatches([refs(33), refs(12)], 0.6, 8, 4), 30);
    const b = new MixedBatches([refs(33), refs(12)], 0.6, 8, 4);
    for (const t of [30, 1, 17, 2, 29]) expect(b.batch(t)).toEqual(a[t - 1]);
    expect(run(new MixedBatches([refs(33), refs(12)], 0.6, 8, 5), 30)).not.toEqual(a);
  });

  it('with a share of 0 or 1 reads one source only', () => {
    expect(run(new MixedBatches([refs(10), refs(10)], 0, 4, 1), 5).flat().every((p) => p.source === 1)).toBe(true);
    expect(run(new MixedBatches([refs(10), []], 1, 4, 1), 5).flat().every((p) => p.source === 0)).toBe(true);
    expect(() => new MixedBatches([refs(10), []], 0.5, 4, 1)).toThrow(/source 1 has no rows/);
  });
});
