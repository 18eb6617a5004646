// Regenerates the default classifier rule from synthetic pairs only (deterministic for a seed).
// npx tsc -p tsconfig.json --outDir /tmp/kcdc-build && node bench/kcdc/fit-default-rule.mjs [OUT] [seed]
// With the default seed, OUT is byte-identical to src/kcdc/default-rule.json.
import { writeFileSync } from 'node:fs';
import { fitDefaultRule, ruleToJson, DEFAULT_RULE_SEED } from '/tmp/kcdc-build/kcdc/index.js';
const out = process.argv[2] ?? 'src/kcdc/default-rule.json';
const seed = Number(process.argv[3] ?? DEFAULT_RULE_SEED);
const t0 = performance.now();
writeFileSync(out, ruleToJson(fitDefaultRule(seed)));
console.error(`wrote ${out} (seed ${seed}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
