// Research (third pass): gradient-boosted tree ensemble used by compare-wide.mjs for the symmetrised nonlinear
// rule (NOTES.md, "Third pass"). Not part of causal: it did not beat the logistic rule clearly enough to ship.
export const DEFAULT_TREE_OPTIONS = {
    trees: 300,
    depth: 3,
    learningRate: 0.05,
    rowSample: 0.8,
    colSample: 0.5,
    bins: 32,
    leafL2: 1,
    minHessian: 1,
};
/** Sum of the trees' leaf values for x: the log-odds of label 1. */
export function treeMargin(model, x) {
    let s = 0;
    for (const t of model.trees) {
        let k = 0;
        while (t.feature[k] >= 0)
            k = x[t.feature[k]] < t.threshold[k] ? t.left[k] : t.right[k];
        s += t.value[k];
    }
    return s;
}
/** p(label 1 | x). */
export function treeProbability(model, x) {
    return sigmoid(treeMargin(model, x));
}
/** Fits the ensemble on rows X with labels in {0, 1}. */
export function fitTrees(X, labels, options, rng) {
    const n = X.length;
    const d = n > 0 ? X[0].length : 0;
    const bins = Math.max(2, Math.min(255, options.bins));
    // Split candidates per feature: distinct quantiles; bin b of a value = number of edges <= value.
    const edges = [];
    for (let j = 0; j < d; j++) {
        const v = Float64Array.from(X, (row) => row[j]).sort();
        const e = [];
        for (let b = 1; b < bins; b++) {
            const q = v[Math.floor((b * n) / bins)];
            if (e.length === 0 || q > e[e.length - 1])
                e.push(q);
        }
        edges.push(Float64Array.from(e));
    }
    const binned = X.map((row) => {
        const out = new Uint8Array(d);
        for (let j = 0; j < d; j++) {
            const e = edges[j];
            let lo = 0;
            let hi = e.length;
            while (lo < hi) {
                const mid = (lo + hi) >> 1;
                if (row[j] >= e[mid])
                    lo = mid + 1;
                else
                    hi = mid;
            }
            out[j] = lo;
        }
        return out;
    });
    const margin = new Float64Array(n);
    const grad = new Float64Array(n);
    const hess = new Float64Array(n);
    const model = { trees: [] };
    for (let round = 0; round < options.trees; round++) {
        for (let i = 0; i < n; i++) {
            const p = sigmoid(margin[i]);
            grad[i] = p - labels[i];
            hess[i] = Math.max(p * (1 - p), 1e-6);
        }
        const rows = [];
        for (let i = 0; i < n; i++)
            if (rng.uniform() < options.rowSample)
                rows.push(i);
        const cols = [];
        for (let j = 0; j < d; j++)
            if (rng.uniform() < options.colSample)
                cols.push(j);
        const tree = { feature: [], threshold: [], left: [], right: [], value: [] };
        const grow = (members, level) => {
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
            const makeLeaf = () => {
                tree.value[node] = (-G / (H + options.leafL2)) * options.learningRate;
                return node;
            };
            if (level === options.depth || members.length < 4)
                return makeLeaf();
            const parent = (G * G) / (H + options.leafL2);
            let bestGain = 1e-9;
            let bestJ = -1;
            let bestB = -1;
            for (const j of cols) {
                const nb = edges[j].length + 1;
                const gh = new Float64Array(nb);
                const hh = new Float64Array(nb);
                for (const i of members) {
                    const b = binned[i][j];
                    gh[b] += grad[i];
                    hh[b] += hess[i];
                }
                let gl = 0;
                let hl = 0;
                for (let b = 0; b < nb - 1; b++) {
                    gl += gh[b];
                    hl += hh[b];
                    const gr = G - gl;
                    const hr = H - hl;
                    if (hl < options.minHessian || hr < options.minHessian)
                        continue;
                    const gain = (gl * gl) / (hl + options.leafL2) + (gr * gr) / (hr + options.leafL2) - parent;
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestJ = j;
                        bestB = b;
                    }
                }
            }
            if (bestJ < 0)
                return makeLeaf();
            // Bin <= bestB  <=>  value < edges[bestJ][bestB].
            tree.feature[node] = bestJ;
            tree.threshold[node] = edges[bestJ][bestB];
            const leftRows = members.filter((i) => binned[i][bestJ] <= bestB);
            const rightRows = members.filter((i) => binned[i][bestJ] > bestB);
            tree.left[node] = grow(leftRows, level + 1);
            tree.right[node] = grow(rightRows, level + 1);
            return node;
        };
        grow(rows, 0);
        model.trees.push(tree);
        for (let i = 0; i < n; i++)
            margin[i] += treeMargin({ trees: [tree] }, X[i]);
    }
    return model;
}
function sigmoid(z) { return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)); }
