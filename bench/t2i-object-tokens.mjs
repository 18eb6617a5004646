#!/usr/bin/env node
// Where a text-to-image-token generator's masked-token loss goes (docs/t2i.md "Open problems"): on real image-token
// rows with captions (e.g. the Synth² test scenes), mask a share of the positions, score the generator's logits at
// the masked ones, and split the positions into object tokens (the pixel patch holds a pixel brighter than 0.2 in
// some channel; the scene world's background is at most 0.09) and background tokens. Each split is scored with the
// row's first reference caption, with another row's caption and with the dropped caption, so what the caption is
// worth is the gap between them. ln K (a uniform guess over the codes) is printed for comparison, and so is what the
// codes themselves leave to predict: their entropy at object and at background positions, counted on every row of
// CODES (default TOKENS; a larger table, such as the tokenizer's pool, gives steadier counts), and at object positions
// given the code of the object patch to the left.
//   node bench/t2i-object-tokens.mjs TOKENS.arrow T2I_DIR... [--ratios 0.5,0.95] [--rows 256] [--codes CODES.arrow] [--note TEXT]
// (run `npm run build` first). TOKENS needs `tokens`, `captions` (List<Utf8>) and `image` columns, as
// `causal embed-images` writes them. Prints a table per generator and mask ratio and writes them, with the command
// and --note (what the generators are), to bench/results/t2i-object-tokens.md.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { tableFromIPC } from 'apache-arrow';
import { Rng } from '../dist/common/random.js';
import { createSession, ort } from '../dist/engine/runtime.js';
import { writeCaption } from '../dist/t2i/captions.js';
import { addMaskedScores } from '../dist/t2i/held-out.js';
import { NAMES } from '../dist/t2i/model.js';
import { Vocabulary } from '../dist/vlm/vocabulary.js';
import { usageOf } from '../dist/vq/usage.js';

const options = {
  ratios: { type: 'string', default: '0.5,0.95' },
  rows: { type: 'string', default: '256' },
  codes: { type: 'string' },
  note: { type: 'string', default: '' },
};
const { values: o, positionals } = parseArgs({ allowPositionals: true, options });
const [file, ...dirs] = positionals;
if (!file || dirs.length === 0) {
  throw new Error('usage: node bench/t2i-object-tokens.mjs TOKENS.arrow T2I_DIR... [--ratios 0.5,0.95] [--rows 256] [--codes CODES.arrow] [--note TEXT]');
}

/** The first `limit` rows of an image-token table: token grids, first captions, pixels, and the image shape. */
function readRows(tableFile, limit) {
  const table = tableFromIPC(readFileSync(tableFile));
  const imageField = table.schema.fields.find((f) => f.name === 'image');
  const [height, width, channels] = ['height', 'width', 'channels'].map((k) => Number(imageField.metadata.get(k)));
  const out = { height, width, channels, grids: [], captions: [], pixels: [] };
  for (let i = 0; i < Math.min(limit, table.numRows); i++) {
    out.grids.push(table.getChild('tokens').get(i).toArray());
    out.captions.push(table.getChild('captions').get(i).get(0));
    out.pixels.push(table.getChild('image').get(i).toArray());
  }
  return out;
}

const { height, width, channels, grids, captions, pixels } = readRows(file, Number(o.rows));
const rows = grids.length;

/** Per row of `images`, whether each of the grid's positions shows part of an object. */
function objectPositions(grid, images = pixels) {
  const patch = height / grid.height;
  return images.map((image) =>
    Array.from({ length: grid.height * grid.width }, (_, p) => {
      const [ty, tx] = [Math.floor(p / grid.width), p % grid.width];
      for (let y = 0; y < patch; y++) {
        for (let x = 0; x < patch; x++) {
          for (let c = 0; c < channels; c++) if (image[((ty * patch + y) * width + tx * patch + x) * channels + c] > 0.2) return true;
        }
      }
      return false;
    }),
  );
}

/**
 * What the codes leave to predict, counted on every row of `codesFile`: the entropy of the codes at object and at
 * background positions (what a generator that knew exactly which positions show an object, and nothing else, would
 * score), and at object positions whose left neighbour is an object patch, given that neighbour's code. The last is
 * a plug-in estimate over K x K counts, biased low when the pairs are few.
 */
function codeStatistics(codesFile, grid, K) {
  const data = readRows(codesFile, Infinity);
  if (data.height !== height || data.width !== width || data.channels !== channels) throw new Error(`${codesFile}: images of another shape than ${file}'s`);
  const isObject = objectPositions(grid, data.pixels);
  const object = new Float64Array(K);
  const background = new Float64Array(K);
  const afterLeft = Array.from({ length: K }, () => new Float64Array(K));
  data.grids.forEach((codes, i) => {
    codes.forEach((code, p) => {
      (isObject[i][p] ? object : background)[code]++;
      if (isObject[i][p] && p % grid.width > 0 && isObject[i][p - 1]) afterLeft[codes[p - 1]][code]++;
    });
  });
  // the tokenizer's own code-usage summary: entropy is the log of its perplexity (0 for no counts)
  const summary = (counts) => {
    const { codes_used: used, perplexity } = usageOf(counts);
    return { n: counts.reduce((a, b) => a + b, 0), used, entropy: Math.log(perplexity) };
  };
  const [obj, bg] = [summary(object), summary(background)];
  const neighbours = afterLeft.map(summary);
  const pairs = neighbours.reduce((a, r) => a + r.n, 0);
  const conditional = neighbours.reduce((h, r) => h + (r.n / pairs) * r.entropy, 0);
  return [
    `## What the codes leave to predict: ${data.grids.length} rows of ${codesFile}`,
    '',
    '| positions | share | codes used | entropy (nats) |',
    '|---|---|---|---|',
    `| object | ${(obj.n / (obj.n + bg.n)).toFixed(3)} | ${obj.used} | ${obj.entropy.toFixed(3)} |`,
    `| background | ${(bg.n / (obj.n + bg.n)).toFixed(3)} | ${bg.used} | ${bg.entropy.toFixed(3)} |`,
    `| object, given the code of the object patch to its left | ${pairs} pairs | | ${conditional.toFixed(3)} (plug-in, biased low) |`,
  ].join('\n');
}

/** The table of one generator at one mask ratio. */
async function score(dir, ratio) {
  const card = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const { grid, codebookSize: K, maxLength } = card.architecture;
  const n = grid.height * grid.width;
  const L = maxLength + 1;
  const vocabulary = new Vocabulary(card.vocabulary);
  const session = await createSession(new Uint8Array(readFileSync(path.join(dir, 'model.onnx'))), { threads: 1 });
  const isObject = objectPositions(grid);
  const rng = new Rng(5);
  const masked = grids.map(() => Array.from({ length: n }, () => rng.uniform() < ratio));
  const other = Array.from({ length: rows }, (_, i) => (i + 1 + Math.floor(rng.uniform() * (rows - 1))) % rows);
  const targets = Int32Array.from(grids.flatMap((g) => [...g]));
  // the masked positions that show an object, and the masked rest, as masks of the held-out scorer
  const scored = (object) => Uint8Array.from({ length: rows * n }, (_, j) => Number(masked[Math.floor(j / n)][j % n] && isObject[Math.floor(j / n)][j % n] === object));
  const splits = [true, false].map((object) => ({ targets, mask: scored(object) }));
  const lines = [
    `## ${dir} (${card.training.rows} training rows, ${card.training.stepsTaken} steps): ${rows} rows of ${file}, ${(100 * ratio).toFixed(0)}% of positions masked; ln K = ${Math.log(K).toFixed(3)}`,
    '',
    '| caption | object tokens: loss | accuracy | background tokens: loss | accuracy |',
    '|---|---|---|---|---|',
  ];
  for (const [label, captionOf] of [['true', (i) => captions[i]], ["another row's", (i) => captions[other[i]]], ['dropped', () => null]]) {
    const tokens = new BigInt64Array(rows * n);
    const ids = new BigInt64Array(rows * L);
    for (let i = 0; i < rows; i++) {
      for (let p = 0; p < n; p++) tokens[i * n + p] = BigInt(masked[i][p] ? K : grids[i][p]);
      const c = captionOf(i);
      writeCaption(ids, i, c === null ? null : vocabulary.encode(c), maxLength);
    }
    const feeds = { [NAMES.tokens]: new ort.Tensor('int64', tokens, [rows, n]), [NAMES.caption]: new ort.Tensor('int64', ids, [rows, L]) };
    const logits = (await session.run(feeds))[NAMES.logits].data;
    const cells = splits.map((set) => {
      const sums = { loss: 0, hits: 0, count: 0 };
      addMaskedScores(sums, logits, set, 0, rows, n, K);
      return `${(sums.loss / sums.count).toFixed(3)} | ${(sums.hits / sums.count).toFixed(3)}`;
    });
    lines.push(`| ${label} | ${cells.join(' | ')} |`);
  }
  await session.release();
  return lines.join('\n');
}

/** The command's arguments without --note, whose text follows the command instead of repeating inside it. */
function commandArgs() {
  const args = process.argv.slice(2);
  const at = args.findIndex((a) => a === '--note' || a.startsWith('--note='));
  if (at < 0) return args;
  return [...args.slice(0, at), ...args.slice(at + (args[at] === '--note' ? 2 : 1))];
}

const report = [
  "# Where the generator's masked-token loss goes: object tokens against background tokens",
  '',
  `Command: \`node bench/t2i-object-tokens.mjs ${commandArgs().join(' ')}\`.${o.note ? ` ${o.note}` : ''}`,
  '',
  "Object tokens: the patch holds a pixel above 0.2 in some channel (the scene world's background is at most 0.09).",
  'Masks drawn with seed 5. docs/t2i.md "Open problems" reads the numbers.',
];
const first = JSON.parse(readFileSync(path.join(dirs[0], 'model.json'), 'utf8')).architecture;
report.push('', codeStatistics(o.codes ?? file, first.grid, first.codebookSize));
for (const dir of dirs) for (const ratio of o.ratios.split(',').map(Number)) report.push('', await score(dir, ratio));
const text = report.join('\n');
console.log(text);
writeFileSync(new URL('results/t2i-object-tokens.md', import.meta.url), `${text}\n`);
