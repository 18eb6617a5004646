import { describe, expect, it } from 'vitest';
import { addMaskedScores, heldOutSet } from '../../src/t2i/held-out.js';
import { maskIdOf, type T2iSpec } from '../../src/t2i/model.js';

const spec: T2iSpec = { grid: { height: 2, width: 2 }, codebookSize: 3, vocabulary: 10, maxLength: 4, dModel: 8, heads: 2, layers: 1, captionLayers: 1, dropout: 0 };

describe('held-out masked-token scores', () => {
  it('fixes each row\'s mask and caption by (seed, row): the same set every time, the truth at the masked positions', () => {
    const tokens = Int32Array.from([0, 1, 2, 0, 2, 2, 1, 1, 0, 0, 0, 1]);
    const refs = [[[4, 5]], [[6], [7, 8]], [[9]]];
    const a = heldOutSet(tokens, refs, spec, 0);
    const b = heldOutSet(tokens, refs, spec, 0);
    expect(a).toEqual(b);
    expect(a.rows).toBe(3);
    expect([...a.targets]).toEqual([...tokens]);
    for (let i = 0; i < 12; i++) {
      if (a.mask[i]) expect(a.tokens[i]).toBe(BigInt(maskIdOf(spec)));
      else expect(a.tokens[i]).toBe(BigInt(tokens[i]));
    }
    for (let r = 0; r < 3; r++) expect(a.mask.subarray(4 * r, 4 * r + 4).some((m) => m === 1)).toBe(true);
    // captions: <bos> (1), the chosen reference, <pad> (0) to maxLength + 1
    expect([...a.captions.subarray(0, 5)].map(Number)).toEqual([1, 4, 5, 0, 0]);
    expect([[1, 6, 0, 0, 0], [1, 7, 8, 0, 0]]).toContainEqual([...a.captions.subarray(5, 10)].map(Number));
  });

  it('adds the cross-entropy and the arg-max hits of the masked positions only (hand-computed)', () => {
    const set = {
      rows: 1,
      tokens: new BigInt64Array(4),
      targets: Int32Array.from([2, 0, 1, 1]),
      mask: Uint8Array.from([1, 0, 1, 1]),
      captions: new BigInt64Array(5),
    };
    // position 0: logits (0, 0, ln 2): p(2) = 2/4; position 2: (1, 1, 1) tie -> arg-max 0, p(1) = 1/3;
    // position 3: (0, ln 3, 0): p(1) = 3/5 and a hit; position 1 is not masked and its logits must not count
    const logits = Float32Array.from([0, 0, Math.log(2), 9, -9, 9, 1, 1, 1, 0, Math.log(3), 0]);
    const sums = { loss: 0, hits: 0, count: 0 };
    addMaskedScores(sums, logits, set, 0, 1, 4, 3);
    expect(sums.count).toBe(3);
    expect(sums.hits).toBe(2);
    expect(sums.loss).toBeCloseTo(Math.log(2) + Math.log(3) + Math.log(5 / 3), 6);
  });
});
