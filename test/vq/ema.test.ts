import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { Graph } from '../../src/engine/graph.js';
import { emaUpdate } from '../../src/vq/ema.js';
import { restartRows } from '../../src/vq/graphs.js';
import { arr, f64, i64, runGraph } from '../engine/helpers.js';

describe('EMA codebook update with dead-code restarts', () => {
  it('matches a hand computation: live codes move to S / N, dead ones restart at their batch row with weight threshold', async () => {
    const g = new Graph({ floatType: 'float64' });
    const u = emaUpdate(
      g.input('e', 'float64', [3, 2]),
      g.input('n', 'float64', [3]),
      g.input('s', 'float64', [3, 2]),
      g.input('z', 'float64', [4, 2]),
      g.input('codes', 'int64', [4]),
      g.input('restart', 'int64', [3]),
      { decay: 0.5, threshold: 1 },
    );
    for (const [k, v] of Object.entries(u)) g.output(k, v);
    const out = await runGraph(g, {
      e: f64([3, 2], [9, 9, 9, 9, 9, 9]),
      n: f64([3], [2, 0.5, 0.2]),
      s: f64([3, 2], [2, 2, 1, 1, 0, 0]),
      z: f64([4, 2], [1, 0, 3, 0, 0, 2, 5, 5]),
      codes: i64([4], [0, 0, 1, 0]),
      restart: i64([3], [3, 2, 1]),
    });
    // counts [3, 1, 0]; sums [[9, 5], [0, 2], [0, 0]]; N' = [2.5, 0.75, 0.1]; S' = [[5.5, 3.5], [0.5, 1.5], [0, 0]].
    // Code 0 is live (2.5 >= 1): 5.5 / 2.5, 3.5 / 2.5. Codes 1 and 2 are dead: z rows 2 and 1.
    expect(arr(out.counts)).toEqual([3, 1, 0]);
    expect(arr(out.codebook).map((v) => +v.toFixed(12))).toEqual([2.2, 1.4, 0, 2, 3, 0]);
    expect(arr(out.clusterSize)).toEqual([2.5, 1, 1]);
    expect(arr(out.clusterSum)).toEqual([5.5, 3.5, 0, 2, 3, 0]);
    expect(arr(out.restarts)).toEqual([2]);
  });
});

describe('restart rows', () => {
  it('are K distinct rows of the batch when there are enough, drawn from the step stream', () => {
    const a = new BigInt64Array(16);
    restartRows(new Rng(7), 40, 16, a);
    const rows = Array.from(a, Number);
    expect(new Set(rows).size).toBe(16);
    expect(rows.every((r) => r >= 0 && r < 40)).toBe(true);
    const b = new BigInt64Array(16);
    restartRows(new Rng(7), 40, 16, b);
    expect(Array.from(b, Number)).toEqual(rows);
  });

  it('repeat rows only when the batch has fewer vectors than codes', () => {
    const a = new BigInt64Array(16);
    restartRows(new Rng(1), 5, 16, a);
    const rows = Array.from(a, Number);
    expect(rows.every((r) => r >= 0 && r < 5)).toBe(true);
    expect(new Set(rows).size).toBe(5);
  });
});
