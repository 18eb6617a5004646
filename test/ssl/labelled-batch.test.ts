import { describe, expect, it } from 'vitest';
import { rngFor } from '../../src/common/random.js';
import { withLabelled } from '../../src/ssl/training.js';

describe('SemPPL batches: a labelled share in every batch', () => {
  const labelled = Int32Array.from([3, 10, 11, 20, 42, 57, 60, 99]);

  it('puts `count` distinct labelled rows first, leaves the rest as drawn, and never repeats a row', () => {
    const drawn = Int32Array.from([5, 6, 7, 8, 11, 12, 13, 14]);
    const out = withLabelled(drawn, labelled, 3, rngFor(1, 'labelled 0'));
    expect(Array.from(out.subarray(3))).toEqual([8, 11, 12, 13, 14]);
    const front = Array.from(out.subarray(0, 3));
    for (const r of front) expect(labelled).toContain(r);
    // 11 is already in the batch's rest: drawing it again would make an image its own negative.
    expect(front).not.toContain(11);
    expect(new Set(out).size).toBe(out.length);
    expect(Array.from(drawn)).toEqual([5, 6, 7, 8, 11, 12, 13, 14]);
  });

  it('is a function of the seed and step, and varies between steps', () => {
    const drawn = Int32Array.from({ length: 16 }, (_, i) => 100 + i);
    const a = withLabelled(drawn, labelled, 4, rngFor(1, 'labelled 5'));
    expect(Array.from(withLabelled(drawn, labelled, 4, rngFor(1, 'labelled 5')))).toEqual(Array.from(a));
    const others = [6, 7, 8].map((s) => Array.from(withLabelled(drawn, labelled, 4, rngFor(1, `labelled ${s}`)).subarray(0, 4)).join());
    expect(others.some((o) => o !== Array.from(a.subarray(0, 4)).join())).toBe(true);
  });

  it('takes what there is when the labelled rows are fewer than asked, and nothing for a count of 0', () => {
    const drawn = Int32Array.from({ length: 12 }, (_, i) => 200 + i);
    const out = withLabelled(drawn, labelled, 10, rngFor(2, 'labelled 0'));
    expect(Array.from(out.subarray(0, 8)).sort((x, y) => x - y)).toEqual(Array.from(labelled));
    expect(Array.from(out.subarray(8))).toEqual([208, 209, 210, 211]);
    expect(withLabelled(drawn, labelled, 0, rngFor(2, 'labelled 0'))).toBe(drawn);
  });
});
