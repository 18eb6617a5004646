// Research only: direct-rule accuracy of every dumped config on synthetic pairs, per mechanism, best first.
// node bench/kcdc/rank-configs.mjs SYN1.json [SYN2.json ...]
import { readFileSync } from 'node:fs';
const files = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')));
const labels = files[0].labels;
const mechs = ['additive', 'multiplicative', 'heteroscedastic'];
const acc = labels.map((label, c) => {
  const per = Object.fromEntries(mechs.map((m) => [m, [0, 0]]));
  for (const f of files) for (const r of f.rows) { const m = r.id.split('-')[0]; per[m][0] += r.xy[c] < r.yx[c] ? 1 : 0; per[m][1] += 1; }
  const a = mechs.map((m) => per[m][0] / per[m][1]);
  return { label, a, mean: a.reduce((s, v) => s + v, 0) / a.length };
});
acc.sort((p, q) => q.mean - p.mean);
console.log('config\tadditive\tmultiplicative\theteroscedastic\tmean');
for (const r of acc.slice(0, Number(process.env.TOP ?? 25))) console.log([r.label.padEnd(26), ...r.a.map((v) => v.toFixed(3)), r.mean.toFixed(3)].join('\t'));
console.log('\nbest config per kernel pair (the vote set):');
const seen = new Set();
for (const r of acc) { const pair = r.label.split('/')[0]; if (seen.has(pair)) continue; seen.add(pair); console.log([r.label.padEnd(26), ...r.a.map((v) => v.toFixed(3)), r.mean.toFixed(3)].join('\t')); }
