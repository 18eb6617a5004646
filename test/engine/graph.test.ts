import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/common/errors.js';
import { Graph } from '../../src/engine/graph.js';
import { init } from '../../src/engine/init.js';
import * as op from '../../src/engine/ops/index.js';
import { arr } from './helpers.js';

describe('graph building and shape inference', () => {
  it('broadcasts numpy style, keeping symbolic dimensions', () => {
    const g = new Graph();
    const x = g.input('x', 'float32', ['batch', 1, 4]);
    const y = g.input('y', 'float32', [3, 1]);
    expect(op.add(x, y).shape).toEqual(['batch', 3, 4]);
    expect(op.mul(x, 2).shape).toEqual(['batch', 1, 4]);
    expect(() => op.add(g.input('a', 'float32', [2, 3]), g.input('b', 'float32', [4]))).toThrow(/do not broadcast/);
    expect(() => op.add(x, g.input('i', 'int64', [4]))).toThrow(UsageError);
  });

  it('infers shapes through reshape, matmul, reductions, slices, gather and convolution', () => {
    const g = new Graph();
    const x = g.input('x', 'float32', ['batch', 2, 3, 4]);
    expect(op.reshape(x, [0, -1]).shape[1]).toMatch(/^\?/);
    expect(op.reshape(g.input('s', 'float32', [2, 3, 4]), [4, -1]).shape).toEqual([4, 6]);
    expect(op.matmul(x, g.input('w', 'float32', [4, 5])).shape).toEqual(['batch', 2, 3, 5]);
    expect(op.reduceSum(x, [1, -1], true).shape).toEqual(['batch', 1, 3, 1]);
    expect(op.reduceMean(x, [0]).shape).toEqual([2, 3, 4]);
    expect(op.slice(x, [1, 0], [-1, 3], [3, 2], [1, 2]).shape).toEqual(['batch', 2, 2, 2]);
    expect(op.gather(g.input('emb', 'float32', [10, 8]), g.input('ids', 'int64', ['batch', 5])).shape).toEqual(['batch', 5, 8]);
    const img = g.input('img', 'float32', ['batch', 3, 9, 9]);
    expect(op.conv2d(img, g.input('k', 'float32', [6, 3, 3, 3]), null, { stride: 2, padding: 1 }).shape).toEqual(['batch', 6, 5, 5]);
    expect(op.maxPool2d(img, 3).shape).toEqual(['batch', 3, 3, 3]);
    expect(op.convTranspose2d(img, g.input('kt', 'float32', [3, 2, 2, 2]), null, { stride: 2 }).shape).toEqual(['batch', 2, 18, 18]);
    expect(() => op.matmul(x, g.input('bad', 'float32', [5, 2]))).toThrow(/inner dimensions 4 and 5/);
  });

  it('initialises each parameter from (seed, name) only', () => {
    const a = new Graph();
    a.param('w', [3], init.normal(1));
    a.param('v', [2], init.normal(1));
    const b = new Graph();
    b.param('v', [2], init.normal(1));
    b.param('w', [3], init.normal(1));
    expect(arr(a.initParams(1).get('w')!)).toEqual(arr(b.initParams(1).get('w')!));
    expect(arr(a.initParams(1).get('w')!)).not.toEqual(arr(a.initParams(2).get('w')!));
  });

  it('rejects duplicate names and misuse with one-line UsageErrors', () => {
    const g = new Graph();
    g.input('x', 'float32', [2]);
    expect(() => g.input('x', 'float32', [2])).toThrow(/already used/);
    expect(() => g.constant([1, 2, 3], 'float32', [2])).toThrow(/3 values/);
    expect(() => op.reshape(g.input('y', 'float32', [2, 3]), [4, -1])).toThrow(UsageError);
  });
});
