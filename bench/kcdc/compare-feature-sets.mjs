// Research only: fits the classifier rule (no-intercept L2 logistic regression on log deviance ratios) on dumped
// synthetic features for several feature subsets and reports synthetic-validation and Tübingen accuracy.
// node bench/kcdc/compare-feature-sets.mjs TRAIN.json VAL.json TUE.json
import { readFileSync } from 'node:fs';
import { fitLogistic, dot } from '/tmp/kcdc-build/kcdc/logistic.js';

const [trainF, valF, tueF] = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')));
const labels = trainF.labels;
const feat = (row, cols) => cols.map((c) => Math.max(-20, Math.min(20, Math.log(Math.max(row.yx[c], 1e-300)) - Math.log(Math.max(row.xy[c], 1e-300)))));
function evaluate(cols, l2) {
  const X = [], t = [];
  for (const r of trainF.rows) { const f = feat(r, cols); X.push(f, f.map((v) => -v)); t.push(1, -1); }
  const scale = cols.map((_, j) => Math.sqrt(X.reduce((s, f) => s + f[j] * f[j], 0) / X.length) || 1);
  const w = fitLogistic(X.map((f) => f.map((v, j) => v / scale[j])), t, l2);
  const acc = (rows) => { let c = 0, cw = 0, W = 0; for (const r of rows) { const z = dot(w, feat(r, cols).map((v, j) => v / scale[j])); const ok = z > 0 ? 1 : z === 0 ? 0.5 : 0; c += ok; cw += ok * r.weight; W += r.weight; } return [c / rows.length, cw / W]; };
  const tr = acc(trainF.rows), va = acc(valF.rows), tu = acc(tueF.rows);
  return `${tr[0].toFixed(3)}\t${va[0].toFixed(3)}\t${tu[0].toFixed(3)}\t${tu[1].toFixed(3)}`;
}
const all = labels.map((_, i) => i);
const pick = (pred) => all.filter((i) => pred(labels[i]));
const sets = {
  all: all,
  var: pick((l) => l.endsWith('/var')),
  cv: pick((l) => l.endsWith('/cv')),
  ncv: pick((l) => l.endsWith('/ncv')),
  'laplace-in': pick((l) => l.startsWith('laplace-')),
  'laplace-laplace': pick((l) => l.startsWith('laplace-laplace')),
  'out-laplace': pick((l) => l.split('/')[0].endsWith('-laplace')),
  'same-kernel': pick((l) => { const [a, b] = l.split('/')[0].split('-'); return a === b; }),
  'lam<=1e-3': pick((l) => Number(l.split('/')[1]) <= 1e-3),
  'lam>=1e-3': pick((l) => Number(l.split('/')[1]) >= 1e-3),
  'cv+ncv': pick((l) => !l.endsWith('/var')),
  'var+cv': pick((l) => !l.endsWith('/ncv')),
  'var+cv lam>=1e-4': pick((l) => !l.endsWith('/ncv') && Number(l.split('/')[1]) >= 1e-4),
  'all lam>=1e-4': pick((l) => Number(l.split('/')[1]) >= 1e-4),
};
console.log('set\tl2\tk\ttrain\tsynval\ttue\ttue-w');
for (const [name, cols] of Object.entries(sets)) for (const l2 of (process.env.L2 ?? '1,10,100').split(',').map(Number)) console.log(`${name}\t${l2}\t${cols.length}\t${evaluate(cols, l2)}`);
