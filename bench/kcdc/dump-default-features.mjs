// Research: dumps the default rule's 135 deviance readings (DEFAULT_FEATURES, DEFAULT_COMPUTE) per pair, for
// offline comparison of training distributions with compare-training.mjs.
// node bench/kcdc/dump-default-features.mjs realistic|standard|tuebingen OUT.json [count] [seed]
// REAL='{"nMax":2000,...}' overrides makeRealisticPairs options (a different realistic mix for validation).
import { writeFileSync } from 'node:fs';
import { Rng, rngFor } from '/tmp/kcdc-build/common/random.js';
import { makePairs, makeRealisticPairs } from '/tmp/kcdc-build/pairs/index.js';
import { pairDeviances, DEFAULT_FEATURES, DEFAULT_COMPUTE } from '/tmp/kcdc-build/kcdc/index.js';
import { loadPairSet } from './pair-sets.mjs';

const [what, out, countArg, seedArg] = process.argv.slice(2);
const seed = Number(seedArg ?? 11);
const count = Number(countArg ?? 300);
const pairs = loadPairSet(what, count, seed, { Rng, makePairs, makeRealisticPairs });
const t0 = performance.now();
const rows = pairs.map((p, i) => {
  const d = pairDeviances(p.x, p.y, DEFAULT_FEATURES, DEFAULT_COMPUTE, rngFor(seed, `${what}${i}`));
  return { id: p.id, weight: p.weight, xy: d.xy, yx: d.yx };
});
writeFileSync(out, JSON.stringify({ rows }));
console.error(`${what}: ${rows.length} pairs in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
