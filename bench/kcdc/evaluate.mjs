// KCDC evaluation from the compiled library (not via the CLI): Tübingen (99 CDT pairs, orientation swapped at
// random with a recorded seed, forced decisions, pairmeta weights) for all three rules, synthetic accuracy per
// mechanism, and time per pair against n. Prints a markdown table and writes it to bench/kcdc/results.md.
// npx tsc -p tsconfig.json --outDir /tmp/kcdc-build && node bench/kcdc/evaluate.mjs [seed]
import { writeFileSync } from 'node:fs';
import { Rng, rngFor } from '/tmp/kcdc-build/common/random.js';
import { makePairs } from '/tmp/kcdc-build/pairs/index.js';
import { DEFAULT_OPTIONS, discover } from '/tmp/kcdc-build/kcdc/index.js';
import { loadTuebingen } from './tuebingen-data.mjs';

const seed = Number(process.argv[2] ?? 1);
const parts = process.env.PARTS ?? 'tuebingen,synthetic,timing';
const rules = (process.env.RULES ?? 'direct,vote,classifier').split(',');
const lines = [`# KCDC evaluation (seed ${seed})`, ''];
const log = (s) => { console.log(s); lines.push(s); };

if (parts.includes('tuebingen')) {
  const swap = new Rng(seed);
  const pairs = loadTuebingen().map((p) => (swap.uniform() < 0.5 ? { ...p, x: p.a, y: p.b, truth: 'x->y' } : { ...p, x: p.b, y: p.a, truth: 'y->x' }));
  log('## Tübingen, 99 pairs, forced decisions'); log('');
  log('| rule | accuracy | weighted accuracy | seconds (all 99) |'); log('|---|---|---|---|');
  for (const rule of rules) {
    let c = 0, cw = 0, w = 0;
    const t0 = performance.now();
    for (const p of pairs) {
      const d = discover(p.x, p.y, { ...DEFAULT_OPTIONS, rule }, rngFor(seed, p.id));
      const ok = d.direction === p.truth ? 1 : 0;
      c += ok; cw += ok * p.weight; w += p.weight;
    }
    log(`| ${rule} | ${(c / pairs.length).toFixed(3)} | ${(cw / w).toFixed(3)} | ${((performance.now() - t0) / 1000).toFixed(1)} |`);
  }
  log('');
}

if (parts.includes('synthetic')) {
  const count = Number(process.env.SYN_COUNT ?? 100);
  const nonLinear = ['cubic', 'quadratic', 'tanh', 'sine', 'exp', 'spline', 'monotone-spline', 'gp'];
  const settings = [
    ['additive, gaussian noise', { mechanism: 'additive', noises: ['gaussian'] }],
    ['additive, uniform noise', { mechanism: 'additive', noises: ['uniform'] }],
    ['additive, all noises', { mechanism: 'additive' }],
    ['multiplicative', { mechanism: 'multiplicative' }],
    ['heteroscedastic', { mechanism: 'heteroscedastic' }],
  ];
  log(`## Synthetic pairs, n = 500, ${count} per row, non-linear functions, noise scale U[0.1, 0.5], half swapped`); log('');
  log(`| setting | ${rules.join(' | ')} |`); log(`|---|${rules.map(() => '---').join('|')}|`);
  for (const [name, spec] of settings) {
    const pairs = makePairs({ count, n: 500, functions: nonLinear, ...spec }, rngFor(seed, `synthetic ${name}`));
    const acc = rules.map((rule) => {
      let c = 0;
      pairs.forEach((p, i) => {
        const swapped = i % 2 === 1;
        const d = discover(swapped ? p.y : p.x, swapped ? p.x : p.y, { ...DEFAULT_OPTIONS, rule }, rngFor(seed, `${name}${i}`));
        c += d.direction === (swapped ? 'y->x' : 'x->y') ? 1 : 0;
      });
      return (c / pairs.length).toFixed(3);
    });
    log(`| ${name} | ${acc.join(' | ')} |`);
  }
  log('');
}

if (parts.includes('timing')) {
  log('## Time per pair (default classifier rule, single thread), milliseconds, median of 5 pairs'); log('');
  log('| n | ms per pair |'); log('|---|---|');
  for (const n of [250, 500, 1000, 2000, 4000, 8000]) {
    const pairs = makePairs({ count: 5, n, mechanism: 'mixed' }, rngFor(seed, `timing${n}`));
    const ms = pairs.map((p, i) => { const t0 = performance.now(); discover(p.x, p.y, DEFAULT_OPTIONS, rngFor(seed, `t${i}`)); return performance.now() - t0; }).sort((a, b) => a - b);
    log(`| ${n} | ${ms[2].toFixed(0)} |`);
  }
  log('');
}
writeFileSync(new URL('./results.md', import.meta.url), lines.join('\n') + '\n');
