import { describe, expect, it } from 'vitest';
import { gradients } from '../../src/engine/autodiff.js';
import { Graph } from '../../src/engine/graph.js';
import * as op from '../../src/engine/ops/index.js';
import { defineOp } from '../../src/engine/ops/registry.js';
import { node1 } from '../../src/engine/ops/util.js';
import { arr, f64, runGraph } from './helpers.js';

describe('autodiff', () => {
  it('reduces broadcast gradients to each input shape, with static shapes', async () => {
    const g = new Graph({ floatType: 'float64' });
    const a = g.input('a', 'float64', [2, 3]);
    const b = g.input('b', 'float64', [3]);
    const c = g.input('c', 'float64', [2, 1]);
    const s = g.input('s', 'float64', []);
    const y = op.reduceSum(op.mul(op.add(op.add(a, b), c), s));
    const [ga, gb, gc, gs] = gradients(y, [a, b, c, s]);
    expect([ga!.shape, gb!.shape, gc!.shape, gs!.shape]).toEqual([[2, 3], [3], [2, 1], []]);
    g.output('ga', ga!);
    g.output('gb', gb!);
    g.output('gc', gc!);
    g.output('gs', gs!);
    const out = await runGraph(g, { a: f64([2, 3], [1, 2, 3, 4, 5, 6]), b: f64([3], [1, 1, 1]), c: f64([2, 1], [0, 1]), s: f64([], [2]) });
    expect(arr(out.ga)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(arr(out.gb)).toEqual([4, 4, 4]);
    expect(arr(out.gc)).toEqual([6, 6]);
    expect(arr(out.gs)).toEqual([21 + 6 + 3]);
  });

  it('reduces broadcast gradients with a symbolic batch dimension, at run time where needed', async () => {
    const g = new Graph({ floatType: 'float64' });
    const x = g.input('x', 'float64', ['batch', 3]);
    const w = g.input('w', 'float64', ['k', 3]); // k may be 1 or batch: decided at run time
    const y = op.reduceSum(op.mul(x, w));
    const [gx, gw] = gradients(y, [x, w]);
    expect(gx!.shape).toEqual(['batch', 3]);
    expect(gw!.shape).toEqual(['k', 3]);
    g.output('gw', gw!);
    const x4 = f64([4, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const one = await runGraph(g, { x: x4, w: f64([1, 3], [1, 1, 1]) });
    expect(one.gw.shape).toEqual([1, 3]);
    expect(arr(one.gw)).toEqual([22, 26, 30]);
    const full = await runGraph(g, { x: x4, w: f64([4, 3], new Array(12).fill(1)) });
    expect(full.gw.shape).toEqual([4, 3]);
    expect(arr(full.gw)).toEqual(arr(x4));
  });

  it('stopGradient blocks the gradient but not the value', async () => {
    const g = new Graph({ floatType: 'float64' });
    const x = g.input('x', 'float64', [2]);
    const y = op.reduceSum(op.mul(x, op.stopGradient(x))); // d/dx = x, not 2x
    const [gx] = gradients(y, [x]);
    g.output('y', y);
    g.output('gx', gx!);
    const out = await runGraph(g, { x: f64([2], [3, -1]) });
    expect(arr(out.y)).toEqual([10]);
    expect(arr(out.gx)).toEqual([3, -1]);
    const g2 = new Graph();
    const z = g2.input('z', 'float32', [2]);
    expect(gradients(op.reduceSum(op.stopGradient(z)), [z])).toEqual([null]);
  });

  it('builds gradients only for what needs them', () => {
    const g = new Graph();
    const x = g.input('x', 'float32', [3, 4]);
    const w = g.input('w', 'float32', [4, 2]);
    const frozen = g.input('frozen', 'float32', [2, 2]);
    const unused = g.input('unused', 'float32', [2]);
    const h = op.matmul(op.matmul(x, w), frozen);
    const y = op.reduceSum(h);
    const before = g.nodes.length;
    const [gw, gu] = gradients(y, [w, unused]);
    expect(gu).toBeNull();
    expect(gw!.shape).toEqual([4, 2]);
    // dL/dw = x^T (1 frozen^T): the input gradient of x is never built, so only two matmuls appear.
    expect(g.nodes.slice(before).filter((n) => n.op === 'matmul')).toHaveLength(2);
  });

  it('names the op when a gradient rule is missing or does not cover a case', () => {
    const g = new Graph();
    const x = g.input('x', 'float32', [2]);
    const y = node1('mystery', [x], {}, 'float32', [2]);
    expect(() => gradients(op.reduceSum(y), [x])).toThrow(/no gradient rule for op 'mystery'/);
    const img = g.input('img', 'float32', [1, 4, 5, 5]);
    const w = g.input('w', 'float32', [4, 2, 3, 3]);
    expect(() => gradients(op.reduceSum(op.conv2d(img, w, null, { groups: 2 })), [w])).toThrow(/conv2d: no gradient rule for groups > 1/);
  });

  it('treats outputs of non-differentiable ops as constants', () => {
    defineOp({ name: 'constTest', onnx: 'Identity', nonDifferentiable: true });
    const g = new Graph();
    const x = g.input('x', 'float32', [2]);
    expect(gradients(op.reduceSum(node1('constTest', [x], {}, 'float32', [2])), [x])).toEqual([null]);
  });

  it('rejects non-scalar losses and integer targets', () => {
    const g = new Graph();
    const x = g.input('x', 'float32', [2]);
    const i = g.input('i', 'int64', [2]);
    expect(() => gradients(x, [x])).toThrow(/reduce it to a scalar/);
    expect(() => gradients(op.reduceSum(x), [i])).toThrow(/int64/);
  });
});
