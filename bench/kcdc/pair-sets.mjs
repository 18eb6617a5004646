// The pair sets the research dumps draw: the Tübingen pairs, realistic synthetic pairs (REAL='{...}' overrides
// makeRealisticPairs options), or the standard cell grid (3 sizes x 3 mechanisms, 30% of variables quantised).
import { loadTuebingen } from './tuebingen-data.mjs';

/** `build`: the private build's modules { Rng, makePairs, makeRealisticPairs }. */
export function loadPairSet(what, count, seed, { Rng, makePairs, makeRealisticPairs }) {
  if (what === 'tuebingen') return loadTuebingen().map((p) => ({ x: p.a, y: p.b, weight: p.weight, id: p.id }));
  if (what === 'realistic') {
    const options = { count, ...(process.env.REAL ? JSON.parse(process.env.REAL) : {}) };
    return makeRealisticPairs(options, new Rng(seed)).map((p, i) => ({ ...p, weight: 1, id: `${p.mechanism}-${p.fn}-${i}` }));
  }
  const root = new Rng(seed);
  const pairs = [];
  for (const n of [100, 200, 400]) for (const mechanism of ['additive', 'multiplicative', 'heteroscedastic'])
    for (const p of makePairs({ count: Math.round(count / 9), n, mechanism, discretize: 0.3, noiseScale: [0.1, 1] }, root.fork()))
      pairs.push({ ...p, weight: 1, id: `${mechanism}-${p.fn}-${n}` });
  return pairs;
}
