import { describe, expect, it } from 'vitest';
import { lcsLength } from '../../src/clrs/algorithms/lcs-length.js';
import { matrixChainOrder } from '../../src/clrs/algorithms/matrix-chain-order.js';
import { optimalBst } from '../../src/clrs/algorithms/optimal-bst.js';
import { expectDeterministic, expectMatchesSpec, samplesOf } from './helpers.js';

describe('matrix_chain_order', () => {
  it('s gives a parenthesisation of minimum cost (exhaustive recursion); m holds it', () => {
    for (const n of [2, 3, 8]) {
      for (const s of samplesOf(matrixChainOrder, n, 10)) {
        expectMatchesSpec(s);
        const p = s.inputs.p;
        const split = (i: number, j: number): number => s.outputs.s[i * n + j];
        // matrices 1..n-1, matrix i is p[i-1] x p[i]
        const costOf = (i: number, j: number): number => (i === j ? 0 : costOf(i, split(i, j)) + costOf(split(i, j) + 1, j) + p[i - 1] * p[split(i, j)] * p[j]);
        const best = (i: number, j: number): number => {
          if (i === j) return 0;
          let b = Infinity;
          for (let k = i; k < j; k++) b = Math.min(b, best(i, k) + best(k + 1, j) + p[i - 1] * p[k] * p[j]);
          return b;
        };
        if (n > 2) {
          expect(costOf(1, n - 1)).toBeCloseTo(best(1, n - 1), 12);
          expect(s.hints.m[s.length - 1][1 * n + n - 1]).toBeCloseTo(best(1, n - 1), 12);
        }
        // rounds of the parallel fixpoint: at most one per chain length, plus the round that sees no change
        expect(s.length).toBeGreaterThanOrEqual(1);
        expect(s.length).toBeLessThanOrEqual(n);
      }
    }
  });
  it('is deterministic by seed', () => expectDeterministic(matrixChainOrder, 8));
});

function lcs(x: readonly number[], y: readonly number[]): number {
  const c = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = 1; i <= x.length; i++)
    for (let j = 1; j <= y.length; j++) c[i][j] = x[i - 1] === y[j - 1] ? c[i - 1][j - 1] + 1 : Math.max(c[i - 1][j], c[i][j - 1]);
  return c[x.length][y.length];
}

describe('lcs_length', () => {
  it('b traces back a common subsequence of maximum length (a separate DP), c ends on that length', () => {
    for (const n of [2, 5, 16]) {
      for (const s of samplesOf(lcsLength, n, 10)) {
        expectMatchesSpec(s);
        const nx = n - Math.floor(n / 2);
        const letters = Array.from(s.inputs.key);
        const [x, y] = [letters.slice(0, nx), letters.slice(nx)];
        expect(Array.from(s.inputs.string)).toEqual([...new Array(nx).fill(0), ...new Array(n - nx).fill(1)]);
        const b = (i: number, j: number): number => s.outputs.b[i * n + nx + j];
        const common: number[] = [];
        for (let i = nx - 1, j = n - nx - 1; i >= 0 && j >= 0; ) {
          const arrow = b(i, j);
          if (arrow === 0) {
            expect(x[i]).toBe(y[j]);
            common.unshift(x[i]);
            i--, j--;
          } else if (arrow === 1) i--;
          else j--;
        }
        expect(common.length).toBe(lcs(x, y));
        expect(s.hints.c[s.length - 1][(nx - 1) * n + n - 1]).toBe(lcs(x, y));
        // cells off the x-by-y block are the blank class
        expect(s.outputs.b[0]).toBe(3);
      }
    }
  });
  it('is deterministic by seed', () => expectDeterministic(lcsLength, 8));
});

describe('optimal_bst', () => {
  it('root gives a tree of minimum expected cost (exhaustive recursion), n keys on n + 1 nodes, n + 1 hint steps', () => {
    for (const keys of [1, 3, 8]) {
      for (const s of samplesOf(optimalBst, keys, 10)) {
        expectMatchesSpec(s);
        const n = keys + 1;
        expect(s.n).toBe(n);
        const { p, q } = s.inputs;
        expect(p[keys]).toBe(0);
        expect([...p, ...q].reduce((a, v) => a + v, 0)).toBeCloseTo(1, 12);
        const w = (i: number, j: number): number => {
          let t = q[i];
          for (let k = i + 1; k <= j; k++) t += p[k - 1] + q[k];
          return t;
        };
        const root = (i: number, j: number): number => s.outputs.root[i * n + j];
        const costOf = (i: number, j: number): number => (i === j ? q[i] : costOf(i, root(i, j)) + costOf(root(i, j) + 1, j) + w(i, j));
        const best = (i: number, j: number): number => {
          if (i === j) return q[i];
          let b = Infinity;
          for (let r = i; r < j; r++) b = Math.min(b, best(i, r) + best(r + 1, j) + w(i, j));
          return b;
        };
        expect(costOf(0, keys)).toBeCloseTo(best(0, keys), 12);
        expect(s.hints.e[s.length - 1][keys]).toBeCloseTo(best(0, keys), 12);
        expect(s.length).toBe(keys + 1);
      }
    }
  });
  it('is deterministic by seed', () => expectDeterministic(optimalBst, 8));
});
