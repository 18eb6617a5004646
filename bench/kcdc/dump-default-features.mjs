// Research: dumps the default rule's 135 deviance readings (DEFAULT_FEATURES, DEFAULT_COMPUTE) per pair, for
// offline comparison of training distributions with compare-training.mjs.
// node bench/kcdc/dump-default-features.mjs realistic|standard|tuebingen OUT.json [count] [seed]
// REAL='{"nMax":2000,...}' overrides makeRealisticPairs options (a different realistic mix for validation).
import { writeFileSync } from 'node:fs';
import { Rng, rngFor } from '/tmp/kcdc-build/common/random.js';
import { makePairs, makeRealisticPairs } from '/tmp/kcdc-build/pairs/index.js';
import { pairDeviances, DEFAULT_FEATURES, DEFAULT_COMPUTE } from '/tmp/kcdc-build/kcdc/index.js';
import { loadTuebingen } from './tuebingen-data.mjs';

const [what, out, countArg, seedArg] = process.argv.slice(2);
const seed = Number(seedArg ?? 11);
const count = Number(countArg ?? 300);
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
const t0 = performance.now();
const rows = pairs.map((p, i) => {
  const d = pairDeviances(p.x, p.y, DEFAULT_FEATURES, DEFAULT_COMPUTE, rngFor(seed, `${what}${i}`));
  return { id: p.id, weight: p.weight, xy: d.xy, yx: d.yx };
});
writeFileSync(out, JSON.stringify({ rows }));
console.error(`${what}: ${rows.length} pairs in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
