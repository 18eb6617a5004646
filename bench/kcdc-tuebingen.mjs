// KCDC on the 99 Tübingen pairs: orientation shuffled and large pairs subsampled with a recorded seed, forced
// decisions, accuracy and
// pairmeta-weighted accuracy for each of the three decision rules, plus wall time of the whole run.
// Usage: node bench/kcdc-tuebingen.mjs [seeds, default 1,2,3]
import { build, f3, machine, markdownTable, sh, writeResult } from './lib/causal.mjs';

const seeds = (process.argv[2] ?? '1,2,3').split(',').map(Number);
build();
const rows = [];
for (const rule of ['direct', 'vote', 'classifier']) {
  for (const seed of seeds) {
    const { stdout, seconds } = sh(
      `causal import tuebingen --shuffle-orientation --seed ${seed} -q | causal kcdc --rule ${rule} --seed ${seed} -q | causal eval --json -q`,
    );
    const m = JSON.parse(stdout);
    rows.push([rule + (rule === 'classifier' ? ' (default)' : ''), seed, m.pairs, f3(m.accuracy), f3(m.weighted_accuracy), f3(m.auc), f3(m.weighted_auc), seconds.toFixed(1)]);
    console.error(`${rule} seed ${seed}: acc ${f3(m.accuracy)} weighted ${f3(m.weighted_accuracy)} (${seconds.toFixed(1)} s)`);
  }
}
writeResult(
  'kcdc-tuebingen',
  `# KCDC on the Tübingen cause-effect pairs

\`node bench/kcdc-tuebingen.mjs ${seeds.join(',')}\` on ${machine()}.

Data: the 99 scalar pairs bundled in \`fixtures/tuebingen\` (CausalDiscoveryToolbox copy), orientation swapped at
random per pair (\`causal import tuebingen --shuffle-orientation --seed S\`), decided with \`causal kcdc --seed S\`
(the seed of the subsampling of pairs above 300 points), every decision forced, weights from the
benchmark's pairmeta.txt (sum 35.5). AUC: area under the accuracy-versus-decision-rate curve (pairs ranked by
confidence). Time: the whole pipe (import, kcdc with its default threads, eval). Defaults were fixed on synthetic
pairs only (docs/kcdc.md).

${markdownTable(['rule', 'seed', 'pairs', 'accuracy', 'weighted accuracy', 'AUC', 'weighted AUC', 'wall s'], rows)}
`,
);
