import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from '../../src/engine/checkpoint.js';
import type { TensorData } from '../../src/engine/graph.js';

describe('checkpoint bytes', () => {
  it('round-trips tensors and metadata, also from a Node Buffer at an odd offset', () => {
    const tensors = new Map<string, TensorData>([
      ['w', { dtype: 'float32', shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6.5]) }],
      ['step', { dtype: 'float64', shape: [1], data: Float64Array.of(17) }],
      ['i', { dtype: 'int64', shape: [1], data: BigInt64Array.of(-3n) }],
    ]);
    const bytes = encodeCheckpoint({ epoch: 2 }, tensors);
    const pooled = Buffer.concat([Buffer.from([9, 9, 9]), Buffer.from(bytes)]).subarray(3);
    const back = decodeCheckpoint<{ epoch: number }>(pooled, 'x.ckpt');
    expect(back.meta).toEqual({ epoch: 2 });
    for (const [name, t] of tensors) {
      expect(back.tensors.get(name)!.shape).toEqual(t.shape);
      expect(Array.from(back.tensors.get(name)!.data as ArrayLike<unknown>)).toEqual(Array.from(t.data as ArrayLike<unknown>));
    }
  });

  it('refuses bytes that are not a checkpoint', () => {
    expect(() => decodeCheckpoint(new Uint8Array(20), 'bad.ckpt')).toThrow(/bad\.ckpt: not a causal checkpoint/);
  });
});
