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
const { loadPairSet } = await import('./pair-sets.mjs');

const [what, out, countArg, seedArg] = process.argv.slice(2);
const seed = Number(seedArg ?? 11);
const count = Number(countArg ?? 300);
const hs = (process.env.H ?? '1,0.5,2').split(',').map(Number);
const features = hs.flatMap((h) => DEFAULT_FEATURES.map((c) => (h === 1 ? { ...c } : { ...c, bandwidth: h })));
const compute = { ...DEFAULT_COMPUTE, ...(process.env.SUBS ? { subsamples: Number(process.env.SUBS) } : {}) };
const pairs = loadPairSet(what, count, seed, { Rng, makePairs, makeRealisticPairs });
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
