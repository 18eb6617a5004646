import { describe, expect, it } from 'vitest';
import { gradients } from '../../src/engine/autodiff.js';
import { Graph } from '../../src/engine/graph.js';
import { mul, reduceSum } from '../../src/engine/ops/index.js';
import { lookup, nearestCodes, straightThrough } from '../../src/vq/quantizer.js';
import { arr, f64, runGraph } from '../engine/helpers.js';

// Code 0 is far from every z but has the largest dot product with z0, so a dot-product argmax would pick it.
const CODEBOOK = [[10, 0], [1, 0], [0, 1], [-1, -1]];
const Z = [[1.2, 0.1], [0.2, 0.9], [-0.6, -0.4], [6, 0.5], [0.5, 0.5]];

function nearestRef(z: number[][], codebook: number[][]): number[] {
  return z.map((v) => {
    const d = codebook.map((e) => (v[0] - e[0]) ** 2 + (v[1] - e[1]) ** 2);
    return d.indexOf(Math.min(...d));
  });
}

describe('vector quantiser', () => {
  it('picks the nearest code by Euclidean distance (the first at ties), and looks its vector up', async () => {
    const g = new Graph({ floatType: 'float64' });
    const z = g.input('z', 'float64', [5, 2]);
    const e = g.input('e', 'float64', [4, 2]);
    const codes = nearestCodes(z, e);
    g.output('codes', codes);
    g.output('q', lookup(e, codes));
    const out = await runGraph(g, { z: f64([5, 2], Z.flat()), e: f64([4, 2], CODEBOOK.flat()) });
    const want = nearestRef(Z, CODEBOOK);
    // z4 = (0.5, 0.5) is equally far from codes 1 and 2: the first wins.
    expect(want).toEqual([1, 2, 3, 0, 1]);
    expect(arr(out.codes)).toEqual(want);
    expect(arr(out.q)).toEqual(want.flatMap((k) => CODEBOOK[k]));
  });

  it('straight-through: forward value q, gradient to z unchanged, none to the codebook', async () => {
    const g = new Graph({ floatType: 'float64' });
    const z = g.input('z', 'float64', [5, 2]);
    const e = g.input('e', 'float64', [4, 2]);
    const q = lookup(e, nearestCodes(z, e));
    const st = straightThrough(z, q);
    const r = [[0.3, -1], [2, 0.5], [-0.7, 0.1], [1, 1], [0.25, -2]];
    const [dz, de] = gradients(reduceSum(mul(st, g.constant(r.flat(), 'float64', [5, 2]))), [z, e]);
    expect(de).toBeNull();
    g.output('st', st);
    g.output('dz', dz!);
    const out = await runGraph(g, { z: f64([5, 2], Z.flat()), e: f64([4, 2], CODEBOOK.flat()) });
    expect(arr(out.st)).toEqual(nearestRef(Z, CODEBOOK).flatMap((k) => CODEBOOK[k]));
    expect(arr(out.dz)).toEqual(r.flat());
  });
});
