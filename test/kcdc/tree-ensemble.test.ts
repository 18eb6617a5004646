import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { fitTrees, treeMargin, type Tree } from '../../src/kcdc/tree-ensemble.js';

const OPTIONS = { trees: 40, depth: 2, learningRate: 0.3, rowSample: 1, colSample: 1, bins: 16, leafL2: 1, minHessian: 0.1 };

describe('tree ensemble', () => {
  it('walks each tree from the root to a leaf and sums the leaves (hand-built trees)', () => {
    // x0 < 1 ? (x1 < 0 ? 0.5 : -0.25) : 2
    const t: Tree = { feature: [0, 1, -1, -1, -1], threshold: [1, 0, 0, 0, 0], left: [1, 3, -1, -1, -1], right: [2, 4, -1, -1, -1], value: [0, 0, 2, 0.5, -0.25] };
    const stump: Tree = { feature: [-1], threshold: [0], left: [-1], right: [-1], value: [0.1] };
    expect(treeMargin([t], [0, -1])).toBe(0.5);
    expect(treeMargin([t], [0, 0])).toBe(-0.25);
    expect(treeMargin([t], [1, -5])).toBe(2);
    expect(treeMargin([t, stump], [3, 3])).toBeCloseTo(2.1, 12);
  });

  it('learns an interaction a linear model cannot (XOR of two signs), deterministically for a seed', () => {
    const rng = new Rng(3);
    const X = Array.from({ length: 400 }, () => [rng.uniform() * 2 - 1, rng.uniform() * 2 - 1, rng.uniform()]);
    const labels = X.map(([a, b]) => (a * b > 0 ? 1 : 0));
    const trees = fitTrees(X, labels, OPTIONS, new Rng(1));
    const correct = X.filter((x, i) => (treeMargin(trees, x) > 0 ? 1 : 0) === labels[i]).length;
    // any linear rule scores about 0.5 here
    expect(correct / X.length).toBeGreaterThan(0.9);
    expect(fitTrees(X, labels, OPTIONS, new Rng(1))).toEqual(trees);
  });
});
