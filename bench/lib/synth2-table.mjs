// The table of pipelines/synth2.sh: node bench/lib/synth2-table.mjs OUT "AMOUNTS" "SEEDS" "ARMS" SETTINGS
import { jsonReader, meanSd, meanSdText } from './results.mjs';

const [out, amountList, seedList, armList, settings] = process.argv.slice(2);
const [amounts, seeds, arms] = [amountList, seedList, armList].map((s) => s.split(' ').filter(Boolean));
const read = jsonReader(out);
const ARMS = {
  a: 'real only',
  b: 'real + synthetic, embedding route',
  c: 'real + synthetic, pixel route',
  d: 'synthetic only (embedding route)',
  e: 'real + oracle renders of the synthetic captions',
};
const OBJECT_SCORES = ['objects_parsed', 'objects_count', 'objects_colour', 'objects_shape', 'objects_pair', 'objects_exact'];
/** The choice temperature, when a run set it apart from the sampling temperature (older timing files lack it). */
const choice = (d) => (d.choiceTemperature !== undefined && d.choiceTemperature !== d.temperature ? `, choice temperature ${d.choiceTemperature}` : '');
const pct = (x) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;
const images = (split) => read(`n${amounts[0]}`, `seed${seeds[0]}`, arms[0], `${split}.json`)?.images;
const score = (n, seed, arm, split, key = 'cider') => read(`n${n}`, `seed${seed}`, arm, `${split}.json`)?.[key];

const lines = [
  '# Synth² in miniature: does embedding-space synthesis help a captioner with scarce real data?',
  '',
  `Command: \`${settings} bash pipelines/synth2.sh\` (docs/synth.md).`,
  '',
  `CIDEr-D on coco-caption's printed scale (10 = perfect), greedy decoding, ${images('test')} held-in test scenes and`,
  `${images('heldout')} scenes with held-out (colour, shape) compositions; ${seeds.length > 1 ? `mean ± sd over seeds ${seeds.join(', ')}` : `one seed (${seeds[0]}), so no spread`} (each seed draws its own real pairs, generator,`,
  'synthetic captions and captioner initialisation). Relative gains are of the seed-averaged scores against arm (a).',
  '',
];
for (const n of amounts) {
  const base = Object.fromEntries(['test', 'heldout'].map((split) => [split, meanSd(seeds.map((s) => score(n, s, 'a', split)))[0]]));
  lines.push(`## ${n} real scenes (${n * 5} real caption pairs)`, '');
  lines.push('| arm | CIDEr-D test | vs (a) | CIDEr-D heldout | vs (a) | BLEU-4 test | ROUGE-L test |', '|---|---|---|---|---|---|---|');
  for (const arm of arms) {
    const got = seeds.map((s) => score(n, s, arm, 'test'));
    if (got.some((x) => x === undefined)) continue;
    const held = seeds.map((s) => score(n, s, arm, 'heldout'));
    const col = (key) => meanSdText(seeds.map((s) => score(n, s, arm, 'test', key)));
    // without arm (a) in OUT there is nothing to compare against
    const vs = (m, split) => (arm === 'a' || !Number.isFinite(base[split]) ? '' : pct(m / base[split] - 1));
    lines.push(`| (${arm}) ${ARMS[arm]} | ${meanSdText(got)} | ${vs(meanSd(got)[0], 'test')} | ${meanSdText(held)} | ${vs(meanSd(held)[0], 'heldout')} | ${col('bleu_4')} | ${col('rouge_l')} |`);
  }
  if (arms.includes('b') && arms.includes('a')) {
    const perSeed = (split) => seeds.map((s) => pct(score(n, s, 'b', split) / score(n, s, 'a', split) - 1)).join(', ');
    lines.push('', `(b) against (a) per seed: test ${perSeed('test')}; heldout ${perSeed('heldout')}.`);
  }
  const gens = seeds.map((s) => read(`n${n}`, `seed${s}`, 't2i', 'model.json')).filter(Boolean);
  if (gens.length) {
    const m = (f, d) => meanSdText(gens.map(f), d);
    lines.push('', `Generator (trained on the ${n} real scenes only): ${gens[0].training.stepsTaken} steps, masked-token loss ` +
      `${m((g) => g.metrics.train.loss, 3)}, accuracy ${m((g) => g.metrics.train.accuracy, 3)} (last epoch), ${m((g) => g.metrics.seconds, 0)} s.`);
  }
  const timing = seeds.map((s) => read(`n${n}`, `seed${s}`, 'timing.json')).filter(Boolean);
  if (timing.length) {
    const ms = (f) => meanSdText(timing.map((t) => (1000 * f(t)) / t.rows), 2);
    const ratio = (k) => meanSdText(timing.map((t) => t.compare[k]), 2);
    lines.push(
      '',
      `Synthesis cost, ${timing[0].rows} captions per seed, both routes on the same generator tokens in one run (\`--compare-routes\`,`,
      `${timing[0].threads} threads; generator ${timing[0].sampling.steps} step${timing[0].sampling.steps === 1 ? '' : 's'}, guidance ${timing[0].sampling.guidance}${choice(timing[0].sampling)}):`,
      '',
      '| | embedding route | pixel route | pixel / embedding |',
      '|---|---|---|---|',
      `| ms per caption, generator sampling included | ${ms((t) => t.compare.t_embed)} | ${ms((t) => t.compare.t_pixel)} | ${ratio('ratio')} |`,
      `| ms per caption, tokens to captioner input only | ${ms((t) => t.compare.t_embed_without_sampling)} | ${ms((t) => t.compare.t_pixel_without_sampling)} | ${ratio('ratio_without_sampling')} |`,
      '',
      `Decode → encode keeps ${meanSdText(timing.map((t) => t.token_agreement), 3)} of the generator's tokens unchanged.`,
    );
  }
  const routes = [['oracle', 'oracle renders of the synthetic captions'], ['embedding', 'generator, embedding route'], ['pixels', 'generator, pixel route']];
  const judged = routes.map(([route, label]) => [label, seeds.map((s) => read(`n${n}`, `seed${s}`, `fidelity-${route}.json`))]).filter(([, r]) => r.every(Boolean));
  const real = read('judge-test.json');
  if (judged.length && real) {
    const judge = read('judge', 'model.json');
    const cell = (runs, key) => meanSdText(runs.map((r) => r[key]), 3);
    lines.push(
      '',
      `What the synthetic images show (docs/synth.md "Fidelity"): a judge captioner (${judge.training.steps} steps on the tokenizer's pool of`,
      `${judge.training.sources[0].rows} real scenes) captions each image; \`eval --metric objects\` compares its caption with the truth (the synthetic`,
      'caption, or the test scene\'s references). Its own errors count, so the real test images are the ceiling.',
      '',
      '| images | in grammar | right count | colour recall | shape recall | (colour, shape) recall | exact |',
      '|---|---|---|---|---|---|---|',
      `| real test scenes | ${OBJECT_SCORES.map((k) => real[k].toFixed(3)).join(' | ')} |`,
      ...judged.map(([label, runs]) => `| ${label} | ${OBJECT_SCORES.map((k) => cell(runs, k)).join(' | ')} |`),
    );
  }
  lines.push('');
}
process.stdout.write(lines.join('\n'));
