// The table of pipelines/synth2-captioner.sh: node bench/lib/synth2-captioner-table.mjs OUT BEAM SEED...
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jsonReader, meanSdText } from './results.mjs';

const [out, beam, ...seeds] = process.argv.slice(2);
const read = jsonReader(out);
const seconds = (name) => Number(readFileSync(path.join(out, `${name}.seconds`), 'utf8'));

const vq = read('vq', 'model.json');
const vlm = seeds.map((s) => read(`vlm-${s}`, 'model.json'));
const lines = [
  '# Synth² part 1: the captioner on real scene pairs',
  '',
  `Command: \`SEEDS="${seeds.join(' ')}" bash pipelines/synth2-captioner.sh\` (other settings at their defaults, below). Scene world of`,
  '`causal make-scenes`; captions scored',
  'against the 5 references of each scene with `causal eval --metric cider,bleu,rouge` (coco-caption semantics,',
  'CIDEr-D on its printed scale: 10 is a perfect match; papers print 100x). Mean ± sd over the captioner seeds',
  `${seeds.join(', ')}; the tokenizer is trained once.`,
  '',
  '## Setup',
  `- Scenes: ${vlm[0].training.sources[0].rows} train scenes (${vlm[0].training.sources[0].references} real caption pairs), test and heldout splits of ${vq.metrics.eval.images} each;`,
  '  heldout scenes contain a (colour, shape) pair that no train image shows (docs/scenes.md).',
  `- Tokenizer: VQ-VAE, ${vq.architecture.grid.height}x${vq.architecture.grid.width} tokens, ${vq.architecture.codebookSize} codes of ${vq.architecture.codeDim} values, ` +
    `${vq.training.stepsTaken} steps of batch ${vq.training.batchSize} in ${seconds('vq')} s; test reconstruction MSE ` +
    `${vq.metrics.eval.mse.toFixed(4)}, ${vq.metrics.eval.codes_used} codes used, perplexity ${vq.metrics.eval.perplexity.toFixed(1)}.`,
  `- Captioner: d ${vlm[0].architecture.dModel}, ${vlm[0].architecture.layers} layers, ${vlm[0].architecture.latents} latents, vocabulary ${vlm[0].architecture.vocabulary}; ` +
    `${vlm[0].training.stepsTaken} steps of batch ${vlm[0].training.batchSize} (${vlm[0].training.epochs} epochs), ${meanSdText(seeds.map((s) => seconds(`vlm-${s}`)), 0)} s per run (2 cores shared with other jobs); final token accuracy ` +
    `${meanSdText(vlm.map((c) => c.metrics.train.token_accuracy))}.`,
  '',
  '## Results',
  '| split | decoding | CIDEr-D | BLEU-4 | ROUGE-L |',
  '|---|---|---|---|---|',
];
for (const split of ['test', 'heldout']) {
  for (const b of ['1', beam]) {
    const m = seeds.map((s) => read(`vlm-${s}`, `${split}-beam${b}.json`));
    const col = (k) => meanSdText(m.map((x) => x[k]));
    lines.push(`| ${split} | ${b === '1' ? 'greedy' : `beam ${b}`} | ${col('cider')} | ${col('bleu_4')} | ${col('rouge_l')} |`);
  }
}
lines.push('', 'Beside this file: `synth2-vq-reconstructions.png` (heldout scenes, originals left, reconstructions right) and',
  '`synth2-captions-heldout.html` (the first heldout scenes with the generated caption and the references).', '');
process.stdout.write(lines.join('\n'));
