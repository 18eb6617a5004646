// Research only: computes a wide set of deviance readings (every kernel pair × λ × statistic) for synthetic pairs
// or Tübingen and writes them as JSON, so feature subsets for the classifier rule can be compared offline.
// node bench/kcdc/dump-features.mjs synthetic|tuebingen OUT.json [count]
import { writeFileSync } from 'node:fs';
import { Rng, rngFor } from '/tmp/kcdc-build/common/random.js';
import { makePairs } from '/tmp/kcdc-build/pairs/index.js';
import { pairDeviances } from '/tmp/kcdc-build/kcdc/pair-deviances.js';
import { configLabel } from '/tmp/kcdc-build/kcdc/deviance-config.js';
import { loadTuebingen } from './tuebingen-data.mjs';

const [what, out, countArg] = process.argv.slice(2);
const kernels = ['rbf', 'laplace', 'rq'];
const configs = [];
for (const input of kernels) for (const output of kernels) for (const lambda of [1e-5, 1e-4, 1e-3, 1e-2, 1e-1]) for (const statistic of ['var', 'cv', 'ncv']) configs.push({ input, output, lambda, statistic });
const settings = { subsample: Number(process.env.CAP ?? 300), maxRank: Number(process.env.RANK ?? 100), relTol: 1e-6 };
let pairs;
if (what === 'tuebingen') pairs = loadTuebingen().map((p) => ({ x: p.a, y: p.b, weight: p.weight, id: p.id }));
else {
  const count = Number(countArg ?? 400);
  const root = new Rng(Number(process.env.SEED ?? 11));
  pairs = [];
  for (const n of [100, 200, 400]) for (const mechanism of ['additive', 'multiplicative', 'heteroscedastic'])
    for (const p of makePairs({ count: Math.round(count / 9), n, mechanism, discretize: 0.3, noiseScale: [0.1, 1] }, root.fork()))
      pairs.push({ ...p, weight: 1, id: `${mechanism}-${p.fn}-${p.noise}-${n}` });
}
const rows = pairs.map((p, i) => {
  const d = pairDeviances(p.x, p.y, configs, settings, rngFor(3, `${what}${i}`));
  return { id: p.id, weight: p.weight, xy: d.xy, yx: d.yx };
});
writeFileSync(out, JSON.stringify({ labels: configs.map(configLabel), configs, rows }));
