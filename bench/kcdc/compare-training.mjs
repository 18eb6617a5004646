// Research: compares training distributions for the default rule on dumps from dump-default-features.mjs.
// Fits the no-intercept L2 logistic rule on each training mix and reports accuracy on every validation dump;
// the committed DEFAULT_RULE is scored on the same dumps for reference.
// TRAIN='name=a.json+b.json;name2=c.json' VAL='rval=x.json;sval=y.json' L2=1,3,10 node bench/kcdc/compare-training.mjs
import { readFileSync } from 'node:fs';
import { fitLogistic, dot } from '/tmp/kcdc-build/kcdc/logistic.js';
import { DEFAULT_RULE } from '/tmp/kcdc-build/kcdc/index.js';

const load = (f) => JSON.parse(readFileSync(f, 'utf8')).rows;
const parse = (s) => s.split(';').map((e) => { const [name, files] = e.split('='); return [name, files.split('+').flatMap(load)]; });
const trains = parse(process.env.TRAIN);
const vals = parse(process.env.VAL);
const feat = (r) => r.xy.map((sxy, c) => Math.max(-20, Math.min(20, Math.log(Math.max(r.yx[c], 1e-300)) - Math.log(Math.max(sxy, 1e-300)))));
const acc = (w, scale, rows) => { let c = 0, cw = 0, W = 0; for (const r of rows) { const z = dot(w, feat(r).map((v, j) => v / scale[j])); const ok = z > 0 ? 1 : z === 0 ? 0.5 : 0; c += ok; cw += ok * r.weight; W += r.weight; } return `${(c / rows.length).toFixed(3)}/${(cw / W).toFixed(3)}`; };
console.log(['train', 'l2', 'n', ...vals.map(([n]) => n)].join('\t'));
console.log(['committed', '3', '1620', ...vals.map(([, rows]) => acc(DEFAULT_RULE.weights, DEFAULT_RULE.scale, rows))].join('\t'));
for (const [name, rows] of trains) {
  const raw = rows.map(feat);
  const k = raw[0].length;
  const scale = Array.from({ length: k }, (_, c) => Math.sqrt(raw.reduce((s, f) => s + f[c] * f[c], 0) / raw.length) || 1);
  const X = [], t = [];
  for (const f of raw) { const z = f.map((v, c) => v / scale[c]); X.push(z, z.map((v) => -v)); t.push(1, -1); }
  for (const l2 of (process.env.L2 ?? '1,3,10').split(',').map(Number)) {
    const w = fitLogistic(X, t, l2);
    console.log([name, l2, rows.length, ...vals.map(([, vr]) => acc(w, scale, vr))].join('\t'));
  }
}
