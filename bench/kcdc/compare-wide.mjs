// Research (third pass): fits the classifier rule on feature subsets of wide dumps (dump-wide-features.mjs) and
// scores each validation dump. Models: 'lr' (the shipped no-intercept L2 logistic regression on log-ratios) and
// 'gbt' (a small gradient-boosted tree ensemble on the log-ratios plus symmetric context, symmetrised as
// p = (g(x,y) + 1 - g(y,x)) / 2).
// TRAIN='name=a.json+b.json;...' VAL='rval=x.json;...' SETS=h1,h1+0.5,... MODELS=lr,gbt L2=1 node bench/kcdc/compare-wide.mjs
import { readFileSync } from 'node:fs';
const B = process.env.BUILD ?? '/tmp/kcdc-build-p3';
const { fitLogistic, dot } = await import(`${B}/kcdc/logistic.js`);
const { fitTrees, treeMargin } = await import(`${B}/kcdc/tree-ensemble.js`);
const { DEFAULT_MODEL } = await import(`${B}/kcdc/default-rule.js`);
const { Rng } = await import(`${B}/common/random.js`);

const cache = new Map();
const load = (f) => { if (!cache.has(f)) cache.set(f, JSON.parse(readFileSync(f, 'utf8'))); return cache.get(f); };
const parse = (s) => s.split(';').map((e) => { const [name, files] = e.split('='); const ds = files.split('+').map(load); return [name, ds.flatMap((d) => d.rows), ds[0].labels]; });
const trains = parse(process.env.TRAIN);
const vals = parse(process.env.VAL);
const labels = trains[0][2];
const lam = (l) => Number(l.split('/')[1]);
const hOf = (l) => (l.includes('@') ? Number(l.split('@')[1].replace('h', '')) : 1);
const SUBSETS = {
  h1: (l) => hOf(l) === 1,
  'h1+0.5': (l) => [1, 0.5].includes(hOf(l)),
  'h1+2': (l) => [1, 2].includes(hOf(l)),
  'h1+0.5+2': (l) => [1, 0.5, 2].includes(hOf(l)),
  'h0.5': (l) => hOf(l) === 0.5,
  'h2': (l) => hOf(l) === 2,
  // Names must not contain ',' (SETS separator). "lamA" = extra multipliers only at λ 1e-4 and 1e-2; "lamB" = at
  // 1e-5, 1e-3, 1e-1; "all3@lamB" = every multiplier at 1e-5, 1e-3, 1e-1 only.
  'h1+xh@lamA': (l) => hOf(l) === 1 || [1e-4, 1e-2].includes(lam(l)),
  'h1+xh@lamB': (l) => hOf(l) === 1 || [1e-5, 1e-3, 1e-1].includes(lam(l)),
  'h1+xh@lam<=1e-3': (l) => hOf(l) === 1 || lam(l) <= 1e-3,
  'all3@lamB': (l) => [1e-5, 1e-3, 1e-1].includes(lam(l)),
  'all3@lamA': (l) => [1e-4, 1e-2].includes(lam(l)),
  'h1+xh@cv+ncv': (l) => hOf(l) === 1 || !l.includes('/var'),
  'h1+xh@laplace-in': (l) => hOf(l) === 1 || l.startsWith('laplace-'),
};
const ratio = (r, c) => Math.max(-20, Math.min(20, Math.log(Math.max(r.yx[c], 1e-300)) - Math.log(Math.max(r.xy[c], 1e-300))));
const context = (r, c) => 0.5 * (Math.log(Math.max(r.yx[c], 1e-300)) + Math.log(Math.max(r.xy[c], 1e-300)));
const score = (pred, rows) => { let c = 0, cw = 0, W = 0; rows.forEach((r, i) => { const z = pred[i]; const ok = z > 0 ? 1 : z === 0 ? 0.5 : 0; c += ok; cw += ok * r.weight; W += r.weight; }); return rows[0].weight === 1 && rows.every((r) => r.weight === 1) ? (c / rows.length).toFixed(3) : `${(c / rows.length).toFixed(3)}/${(cw / W).toFixed(3)}`; };
const sets = (process.env.SETS ?? 'h1,h1+0.5,h1+2,h1+0.5+2').split(',');
const models = (process.env.MODELS ?? 'lr').split(',');
const l2s = (process.env.L2 ?? '1').split(',').map(Number);
console.log(['train', 'set', 'k', 'model', ...vals.map(([n]) => n), 'mean(syn)', 'paired vs first row: +/- (z)'].join('\t'));
let baseline = null; // correctness of the first row on every synthetic validation pair, for a paired comparison
for (const [tname, trows] of trains) for (const sname of sets) {
  const cols = labels.map((l, i) => [l, i]).filter(([l]) => SUBSETS[sname](l)).map(([, i]) => i);
  const raw = trows.map((r) => cols.map((c) => ratio(r, c)));
  const scale = cols.map((_, j) => Math.sqrt(raw.reduce((s, f) => s + f[j] * f[j], 0) / raw.length) || 1);
  for (const model of models) for (const l2 of model === 'lr' ? l2s : [0]) {
    let predict;
    if (model === 'lr') {
      const X = [], t = [];
      for (const f of raw) { const z = f.map((v, j) => v / scale[j]); X.push(z, z.map((v) => -v)); t.push(1, -1); }
      const w = fitLogistic(X, t, l2);
      predict = (r) => dot(w, cols.map((c, j) => ratio(r, c) / scale[j]));
    } else {
      // g sees antisymmetric log-ratios and symmetric context (mean log deviance); trained on both orientations.
      const ctx = process.env.CTX !== '0';
      const feats = (r, sign) => { const f = cols.map((c) => sign * ratio(r, c)); return ctx ? f.concat(cols.map((c) => context(r, c))) : f; };
      const X = [], t = [];
      for (const r of trows) { X.push(feats(r, 1), feats(r, -1)); t.push(1, 0); }
      const m = fitTrees(X, t, { ...DEFAULT_MODEL, trees: Number(process.env.TREES ?? DEFAULT_MODEL.trees), depth: Number(process.env.DEPTH ?? DEFAULT_MODEL.depth), learningRate: Number(process.env.LR ?? DEFAULT_MODEL.learningRate) }, new Rng(1));
      predict = (r) => treeMargin(m, feats(r, 1)) - treeMargin(m, feats(r, -1));
    }
    const preds = vals.map(([, vr]) => vr.map(predict));
    const accs = vals.map(([, vr], i) => score(preds[i], vr));
    const synMean = accs.filter((_, i) => !vals[i][0].startsWith('tue')).map((a) => Number(a.split('/')[0]));
    const correct = vals.flatMap(([name], i) => (name.startsWith('tue') ? [] : preds[i].map((z) => (z > 0 ? 1 : 0))));
    let paired = '';
    if (baseline === null) baseline = correct;
    else {
      let plus = 0, minus = 0;
      correct.forEach((c, i) => { if (c > baseline[i]) plus++; else if (c < baseline[i]) minus++; });
      paired = `+${plus}/-${minus} (z ${((plus - minus) / Math.sqrt(Math.max(plus + minus, 1))).toFixed(2)})`;
    }
    console.log([tname, sname, cols.length, model + (model === 'lr' ? `(l2=${l2})` : ''), ...accs, (synMean.reduce((a, b) => a + b, 0) / synMean.length).toFixed(3), paired].join('\t'));
  }
}
