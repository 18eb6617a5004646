import type { Rng } from '../common/random.js';

/**
 * Gradient-boosted regression trees on the logistic loss (second-order leaves, as in XGBoost), small and
 * deterministic: split candidates are per-feature quantile edges, each round grows one tree of at most `depth`
 * levels on a row sample and a column sample drawn from `rng`. The learned KCDC rule uses them (docs/kcdc.md).
 */
export interface TreeOptions {
  trees: number;
  depth: number;
  learningRate: number;
  /** Share of rows and of columns each round samples. */
  rowSample: number;
  colSample: number;
  /** Quantile bins per feature (split candidates: at most bins - 1 edges). */
  bins: number;
  /** L2 penalty on leaf values. */
  leafL2: number;
  /** Least hessian sum on either side of a split. */
  minHessian: number;
}

/** One tree as parallel arrays; node k is a leaf when feature[k] < 0, else x[feature[k]] < threshold[k] goes left. */
export interface Tree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

/** The sum of the trees' leaf values for x: the log-odds of label 1. */
export function treeMargin(trees: readonly Tree[], x: ArrayLike<number>): number {
  let s = 0;
  for (const t of trees) {
    let k = 0;
    while (t.feature[k] >= 0) k = x[t.feature[k]] < t.threshold[k] ? t.left[k] : t.right[k];
    s += t.value[k];
  }
  return s;
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Fits the ensemble on rows X with labels in {0, 1}. */
export function fitTrees(X: readonly ArrayLike<number>[], labels: readonly number[], o: TreeOptions, rng: Rng): Tree[] {
  const n = X.length;
  const d = n > 0 ? X[0].length : 0;
  const bins = Math.max(2, Math.min(255, o.bins));
  const edges: Float64Array[] = [];
  for (let j = 0; j < d; j++) {
    const v = Float64Array.from(X, (row) => row[j]).sort();
    const e: number[] = [];
    for (let b = 1; b < bins; b++) {
      const q = v[Math.floor((b * n) / bins)];
      if (e.length === 0 || q > e[e.length - 1]) e.push(q);
    }
    edges.push(Float64Array.from(e));
  }
  // bin b of a value = the number of edges <= value, so bin <= b  <=>  value < edges[b]
  const binned = X.map((row) => {
    const out = new Uint8Array(d);
    for (let j = 0; j < d; j++) {
      const e = edges[j];
      let lo = 0;
      let hi = e.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (row[j] >= e[mid]) lo = mid + 1;
        else hi = mid;
      }
      out[j] = lo;
    }
    return out;
  });
  const margin = new Float64Array(n);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const trees: Tree[] = [];
  for (let round = 0; round < o.trees; round++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(margin[i]);
      grad[i] = p - labels[i];
      hess[i] = Math.max(p * (1 - p), 1e-6);
    }
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (rng.uniform() < o.rowSample) rows.push(i);
    const cols: number[] = [];
    for (let j = 0; j < d; j++) if (rng.uniform() < o.colSample) cols.push(j);
    const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
    const grow = (members: number[], level: number): number => {
      let G = 0;
      let H = 0;
      for (const i of members) {
        G += grad[i];
        H += hess[i];
      }
      const node = tree.feature.length;
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.value.push(0);
      const leaf = (): number => {
        tree.value[node] = (-G / (H + o.leafL2)) * o.learningRate;
        return node;
      };
      if (level === o.depth || members.length < 4) return leaf();
      const parent = (G * G) / (H + o.leafL2);
      let bestGain = 1e-9;
      let bestJ = -1;
      let bestB = -1;
      for (const j of cols) {
        const nb = edges[j].length + 1;
        const gh = new Float64Array(nb);
        const hh = new Float64Array(nb);
        for (const i of members) {
          gh[binned[i][j]] += grad[i];
          hh[binned[i][j]] += hess[i];
        }
        let gl = 0;
        let hl = 0;
        for (let b = 0; b < nb - 1; b++) {
          gl += gh[b];
          hl += hh[b];
          const gr = G - gl;
          const hr = H - hl;
          if (hl < o.minHessian || hr < o.minHessian) continue;
          const gain = (gl * gl) / (hl + o.leafL2) + (gr * gr) / (hr + o.leafL2) - parent;
          if (gain > bestGain) {
            bestGain = gain;
            bestJ = j;
            bestB = b;
          }
        }
      }
      if (bestJ < 0) return leaf();
      tree.feature[node] = bestJ;
      tree.threshold[node] = edges[bestJ][bestB];
      tree.left[node] = grow(members.filter((i) => binned[i][bestJ] <= bestB), level + 1);
      tree.right[node] = grow(members.filter((i) => binned[i][bestJ] > bestB), level + 1);
      return node;
    };
    grow(rows, 0);
    trees.push(tree);
    for (let i = 0; i < n; i++) margin[i] += treeMargin([tree], X[i]);
  }
  return trees;
}
