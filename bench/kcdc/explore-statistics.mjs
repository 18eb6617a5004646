// Research only: direct-rule accuracy of many readings of the deviance (kernel pair × λ × statistic) on synthetic
// pairs and on Tübingen. Run from the compiled build: node bench/kcdc/explore-statistics.mjs [cap] [pairsPerSet]
import { Rng, rngFor } from '/tmp/kcdc-build/common/random.js';
import { makePairs } from '/tmp/kcdc-build/pairs/index.js';
import { standardize } from '/tmp/kcdc-build/kcdc/standardize.js';
import { medianBandwidth } from '/tmp/kcdc-build/kcdc/bandwidth.js';
import { gramFactor, conditionalNorms, regressionBasis } from '/tmp/kcdc-build/kcdc/conditional-norms.js';
import { loadTuebingen } from './tuebingen-data.mjs';

const cap = Number(process.argv[2] ?? 300);
const per = Number(process.argv[3] ?? 60);
const kernels = ['rbf', 'laplace', 'rq'];
const lambdas = [1e-4, 1e-3, 1e-2, 1e-1];
const settings = { maxRank: 150, relTol: 1e-6 };

const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
const sd = (a) => { const m = mean(a); return Math.sqrt(mean(a.map((v) => (v - m) ** 2))); };
const stats = {
  var: (s2, mass) => { const s = Array.from(s2, (v) => Math.sqrt(Math.max(v, 0))); return sd(s) ** 2; },
  cv: (s2) => { const s = Array.from(s2, (v) => Math.sqrt(Math.max(v, 0))); return sd(s) / mean(s); },
  ncv: (s2, mass) => { const s = Array.from(s2, (v, i) => Math.sqrt(Math.max(v, 0)) / Math.max(mass[i], 1e-3)); return sd(s) / mean(s); },
  nvar: (s2, mass) => { const s = Array.from(s2, (v, i) => Math.sqrt(Math.max(v, 0)) / Math.max(mass[i], 1e-3)); return sd(s) ** 2; },
};

function scores(a, b, rng) {
  const idx = rng.sampleIndices(a.length, cap);
  const x = standardize(idx.map((i) => a[i]), 'x');
  const y = standardize(idx.map((i) => b[i]), 'y');
  const hx = medianBandwidth(x), hy = medianBandwidth(y);
  const res = {};
  const fac = {};
  for (const k of kernels) { fac['x' + k] = gramFactor({ values: x, kernel: k, bandwidth: hx }, settings); fac['y' + k] = gramFactor({ values: y, kernel: k, bandwidth: hy }, settings); }
  for (const ki of kernels) for (const ko of kernels) {
    const xy = conditionalNorms(regressionBasis(fac['x' + ki]), fac['y' + ko], lambdas);
    const yx = conditionalNorms(regressionBasis(fac['y' + ki]), fac['x' + ko], lambdas);
    lambdas.forEach((l, li) => {
      for (const [sn, f] of Object.entries(stats)) res[`${ki}-${ko} l=${l} ${sn}`] = [f(xy.s2[li], xy.mass[li]), f(yx.s2[li], yx.mass[li])];
    });
  }
  return res;
}

const sets = {};
const root = new Rng(7);
for (const mech of ['additive', 'multiplicative', 'heteroscedastic']) {
  sets[mech] = makePairs({ count: per, n: cap, mechanism: mech }, root.fork()).map((p) => ({ a: p.x, b: p.y, weight: 1 }));
}
if (!process.env.NO_TUE) sets.tuebingen = loadTuebingen();
const table = {};
for (const [name, pairs] of Object.entries(sets)) {
  pairs.forEach((p, i) => {
    const r = scores(p.a, p.b, rngFor(1, `${name}${i}`));
    for (const [key, [sxy, syx]] of Object.entries(r)) {
      table[key] ??= {};
      const t = (table[key][name] ??= { c: 0, w: 0, cw: 0, n: 0 });
      const correct = sxy < syx ? 1 : sxy === syx ? 0.5 : 0;
      t.c += correct; t.n += 1; t.cw += correct * p.weight; t.w += p.weight;
    }
  });
}
const names = Object.keys(sets);
console.log(['reading', ...names.map((n) => n.slice(0, 8)), 'tue-w'].join('\t'));
for (const [key, row] of Object.entries(table)) {
  console.log([key.padEnd(28), ...names.map((n) => (row[n].c / row[n].n).toFixed(2)), row.tuebingen ? (row.tuebingen.cw / row.tuebingen.w).toFixed(2) : ''].join('\t'));
}
