#!/usr/bin/env node
// Where a text-to-image-token generator's masked-token loss goes (docs/synth.md "Fidelity"): on real image-token
// rows with captions (e.g. the Synth² test scenes), mask a share of the positions, score the generator's logits at
// the masked ones, and split the positions into object tokens (the 4x4 pixel patch holds a pixel brighter than
// 0.2 in some channel; the scene world's background is at most 0.09) and background tokens. Each split is scored
// with the row's first reference caption, with another row's caption (shuffled) and with the dropped caption, so
// what the caption is worth is the gap between them. ln K (uniform over the codes) is printed for comparison.
//   node bench/t2i-object-tokens.mjs T2I_DIR TOKENS.arrow [--ratio 0.5] [--rows 256]   (run `npm run build` first)
// TOKENS needs `tokens`, `captions` (List<Utf8>) and `image` columns, as `causal embed-images` writes them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { tableFromIPC } from 'apache-arrow';
import { Rng } from '../dist/common/random.js';
import { createSession, ort } from '../dist/engine/runtime.js';
import { writeCaption } from '../dist/t2i/captions.js';
import { NAMES } from '../dist/t2i/model.js';
import { Vocabulary } from '../dist/vlm/vocabulary.js';

const { values: o, positionals } = parseArgs({ allowPositionals: true, options: { ratio: { type: 'string', default: '0.5' }, rows: { type: 'string', default: '256' } } });
const [dir, file] = positionals;
if (!dir || !file) throw new Error('usage: node bench/t2i-object-tokens.mjs T2I_DIR TOKENS.arrow [--ratio 0.5] [--rows 256]');
const card = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
const { grid, codebookSize: K, maxLength } = card.architecture;
const n = grid.height * grid.width;
const L = maxLength + 1;
const vocabulary = new Vocabulary(card.vocabulary);
const session = await createSession(new Uint8Array(readFileSync(path.join(dir, 'model.onnx'))), { threads: 1 });
const table = tableFromIPC(readFileSync(file));
const rows = Math.min(Number(o.rows), table.numRows);
const ratio = Number(o.ratio);
const image = table.schema.fields.find((f) => f.name === 'image');
const [height, width, channels] = ['height', 'width', 'channels'].map((k) => Number(image.metadata.get(k)));
const patch = height / grid.height;

const rng = new Rng(5);
const grids = [];
const captions = [];
const isObject = [];
for (let i = 0; i < rows; i++) {
  grids.push(table.getChild('tokens').get(i).toArray());
  captions.push(table.getChild('captions').get(i).get(0));
  const pixels = table.getChild('image').get(i).toArray();
  isObject.push(
    Array.from({ length: n }, (_, p) => {
      const [ty, tx] = [Math.floor(p / grid.width), p % grid.width];
      for (let y = 0; y < patch; y++) for (let x = 0; x < patch; x++) for (let c = 0; c < channels; c++) if (pixels[((ty * patch + y) * width + tx * patch + x) * channels + c] > 0.2) return true;
      return false;
    }),
  );
}
const masked = grids.map(() => Array.from({ length: n }, () => rng.uniform() < ratio));
const other = Array.from({ length: rows }, (_, i) => (i + 1 + Math.floor(rng.uniform() * (rows - 1))) % rows);

const lines = [`${dir} on ${rows} rows of ${file}, ${(100 * ratio).toFixed(0)}% of positions masked; ln K = ${Math.log(K).toFixed(3)}`, '', '| caption | object tokens: loss | accuracy | background tokens: loss | accuracy |', '|---|---|---|---|---|'];
for (const [label, captionOf] of [['true', (i) => captions[i]], ['another row\'s', (i) => captions[other[i]]], ['dropped', () => null]]) {
  const tokens = new BigInt64Array(rows * n);
  const ids = new BigInt64Array(rows * L);
  for (let i = 0; i < rows; i++) {
    for (let p = 0; p < n; p++) tokens[i * n + p] = BigInt(masked[i][p] ? K : grids[i][p]);
    const c = captionOf(i);
    writeCaption(ids, i, c === null ? null : vocabulary.encode(c), maxLength);
  }
  const feeds = { [NAMES.tokens]: new ort.Tensor('int64', tokens, [rows, n]), [NAMES.caption]: new ort.Tensor('int64', ids, [rows, L]) };
  const logits = (await session.run(feeds))[NAMES.logits].data;
  const sums = { true: { nll: 0, hits: 0, count: 0 }, false: { nll: 0, hits: 0, count: 0 } };
  for (let i = 0; i < rows; i++) {
    for (let p = 0; p < n; p++) {
      if (!masked[i][p]) continue;
      const at = (i * n + p) * K;
      let best = 0;
      for (let k = 1; k < K; k++) if (logits[at + k] > logits[at + best]) best = k;
      let z = 0;
      for (let k = 0; k < K; k++) z += Math.exp(logits[at + k] - logits[at + best]);
      const s = sums[isObject[i][p]];
      s.nll += logits[at + best] + Math.log(z) - logits[at + grids[i][p]];
      s.hits += best === grids[i][p] ? 1 : 0;
      s.count++;
    }
  }
  const cell = (s) => `${(s.nll / s.count).toFixed(3)} | ${(s.hits / s.count).toFixed(3)}`;
  lines.push(`| ${label} | ${cell(sums.true)} | ${cell(sums.false)} |`);
}
console.log(lines.join('\n'));
