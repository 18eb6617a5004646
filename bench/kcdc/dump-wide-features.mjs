// Research (third pass): dumps DEFAULT_FEATURES at several bandwidth multipliers (multiplier 1 first, so columns
// 0..134 are the default readings) for offline comparison with compare-wide.mjs.
// BUILD=/tmp/kcdc-build-p3 H=1,0.5,2 node bench/kcdc/dump-wide-features.mjs realistic|standard|tuebingen OUT.json [count] [seed]
// REAL='{"nMax":2000,...}' overrides makeRealisticPairs options; SUBS=k overrides DEFAULT_COMPUTE.subsamples;
// PART=i/k dumps only pairs with index % k == i (for running on several cores).
import { writeFileSync } from 'node:fs';
const B = process.env.BUILD ?? '/tmp/kcdc-build-p3';
const { Rng, rngFor } = await import(`${B}/common/random.js`);
const { makePairs, makeRealisticPairs } = await import(`${B}/pairs/index.js`);
const { pairDeviances, DEFAULT_FEATURES, DEFAULT_COMPUTE, configLabel } = await import(`${B}/kcdc/index.js`);
const { loadTuebingen } = await import('./tuebingen-data.mjs');

const [what, out, countArg, seedArg] = process.argv.slice(2);
const seed = Number(seedArg ?? 11);
const count = Number(countArg ?? 300);
const hs = (process.env.H ?? '1,0.5,2').split(',').map(Number);
const features = hs.flatMap((h) => DEFAULT_FEATURES.map((c) => (h === 1 ? { ...c } : { ...c, bandwidth: h })));
const compute = { ...DEFAULT_COMPUTE, ...(process.env.SUBS ? { subsamples: Number(process.env.SUBS) } : {}) };
let pairs;
if (what === 'tuebingen') pairs = loadTuebingen().map((p) => ({ x: p.a, y: p.b, weight: p.weight, id: p.id }));
else if (what === 'realistic') pairs = makeRealisticPairs({ count, ...(process.env.REAL ? JSON.parse(process.env.REAL) : {}) }, new Rng(seed)).map((p, i) => ({ ...p, weight: 1, id: `${p.mechanism}-${p.fn}-${i}` }));
else {
  const root = new Rng(seed);
  pairs = [];
  for (const n of [100, 200, 400]) for (const mechanism of ['additive', 'multiplicative', 'heteroscedastic'])
    for (const p of makePairs({ count: Math.round(count / 9), n, mechanism, discretize: 0.3, noiseScale: [0.1, 1] }, root.fork()))
      pairs.push({ ...p, weight: 1, id: `${mechanism}-${p.fn}-${n}` });
}
const [pi, pk] = (process.env.PART ?? '0/1').split('/').map(Number);
const t0 = performance.now();
const rows = [];
pairs.forEach((p, i) => {
  if (i % pk !== pi) return;
  const d = pairDeviances(p.x, p.y, features, compute, rngFor(seed, `${what}${i}`));
  rows.push({ i, id: p.id, weight: p.weight, n: p.x.length, xy: d.xy, yx: d.yx });
});
writeFileSync(out, JSON.stringify({ labels: features.map(configLabel), rows }));
console.error(`${what}: ${rows.length} pairs in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
