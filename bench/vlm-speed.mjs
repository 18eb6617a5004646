#!/usr/bin/env node
// Speed of the captioner (src/vlm) at the Synth2 miniature's sizes: image-token tables of 8x8 tokens of 32 values
// (T = 64, D = 32), batch 64, a 44-word vocabulary, captions of at most 16 words, the default model (d 128, 2
// decoder layers, 4 heads, 8 resampler latents). Reports
//   - the train step (one session.run: forward, backward, clipping, AdamW), minimum and median over --steps steps:
//     the default, without dropout, and without dropout or resampler (the decoder attending to all 64 tokens);
//   - train-vlm end to end (batch assembly included): the median interval between steps, past the first five;
//   - caption: rows per second, greedy and beam 3, --batch-size 64, on 512 rows.
// The data are random (captions drawn from the vocabulary), so the numbers are speed only.
//   node bench/vlm-speed.mjs [--threads 2] [--steps 40]      (run `npm run build` first)
// Writes bench/results/vlm-speed.md.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Field, FixedSizeList, Float32, List, Schema, Utf8, vectorFromArray } from 'apache-arrow';
import { Rng } from '../dist/common/random.js';
import { buildTrainStep, optim, ort, TrainStep } from '../dist/engine/index.js';
import { batchOf, fixedListData } from '../dist/io/images.js';
import { caption } from '../dist/stages/caption.js';
import { trainVlm } from '../dist/stages/train-vlm.js';
import { captionerTraining, NAMES } from '../dist/vlm/model.js';
import { machine, markdownTable, writeResult } from './lib/causal.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const threads = arg('threads', 2);
const steps = arg('steps', 40);
const [H, W, D, B, MAX] = [8, 8, 32, 64, 16];
const T = H * W;
const WORDS = Array.from({ length: 44 }, (_, i) => `w${i}`);

function table(rows, seed) {
  const rng = new Rng(seed);
  const codes = Array.from({ length: 128 }, () => Float32Array.from({ length: D }, () => rng.normal()));
  const x = new Float32Array(rows * T * D);
  for (let r = 0; r < rows; r++) for (let t = 0; t < T; t++) x.set(codes[rng.int(codes.length)], (r * T + t) * D);
  const refs = Array.from({ length: rows }, () => Array.from({ length: 5 }, () => Array.from({ length: 4 + rng.int(9) }, () => WORDS[rng.int(WORDS.length)]).join(' ')));
  const meta = new Map([['grid_height', String(H)], ['grid_width', String(W)], ['code_dim', String(D)], ['codebook_size', '128']]);
  const emb = new Field('embedding', new FixedSizeList(T * D, new Field('item', new Float32(), false)), false, meta);
  const type = new List(new Field('item', new Utf8(), true));
  const schema = new Schema([emb, new Field('captions', type, true)]);
  const batches = [batchOf(schema, [fixedListData(emb, x, rows), vectorFromArray(refs, type).data[0]])];
  return { name: `random-${seed}`, schema, batches: (async function* () { yield* batches; })() };
}

const CONFIGS = [
  ['8 resampler latents, dropout 0.1 (default)', { latents: 8, dropout: 0.1 }],
  ['8 resampler latents, --dropout 0', { latents: 8, dropout: 0 }],
  ['all 64 tokens (--latents 0), --dropout 0', { latents: 0, dropout: 0 }],
];

/** Step times of every configuration, taken in interleaved rounds so that load from other processes hits all alike. */
async function stepTimes() {
  const rng = new Rng(2);
  const L = MAX + 1;
  const tokens = BigInt64Array.from({ length: B * L }, (_, i) => (i % L < 10 ? BigInt(4 + rng.int(WORDS.length)) : 0n));
  const feeds = {
    [NAMES.embedding]: new ort.Tensor('float32', Float32Array.from({ length: B * T * D }, () => rng.normal()), [B, T * D]),
    [NAMES.tokens]: new ort.Tensor('int64', tokens, [B, L]),
    [NAMES.targets]: new ort.Tensor('int64', tokens, [B, L]),
  };
  const runs = [];
  for (const [, over] of CONFIGS) {
    const spec = { grid: { height: H, width: W, dim: D }, vocabulary: WORDS.length + 4, maxLength: MAX, dModel: 128, layers: 2, heads: 4, resamplerLayers: 1, ...over };
    const built = buildTrainStep({ build: captionerTraining(spec), optimizer: optim.adamw({ weightDecay: 0.01 }), clipNorm: 1 });
    const step = await TrainStep.create(built, { seed: 1, threads });
    for (let i = 0; i < 3; i++) await step.run(feeds, 1e-3);
    runs.push({ step, times: [] });
  }
  const rounds = 5;
  for (let r = 0; r < rounds; r++) {
    for (const run of runs) {
      for (let i = 0; i < Math.ceil(steps / rounds); i++) {
        const t0 = performance.now();
        await run.step.run(feeds, 1e-3);
        run.times.push(performance.now() - t0);
      }
    }
  }
  return Promise.all(
    runs.map(async ({ step, times }) => {
      await step.release();
      times.sort((a, b) => a - b);
      return { min: times[0], median: times[times.length >> 1] };
    }),
  );
}

const stepRows = await stepTimes();
stepRows.forEach((r, i) => process.stderr.write(`train step, ${CONFIGS[i][0]}: ${r.min.toFixed(1)} ms\n`));

const dir = mkdtempSync(path.join(os.tmpdir(), 'causal-vlm-speed-'));
const model = path.join(dir, 'model');
const ticks = [];
await trainVlm({
  input: table(2048, 1),
  dir: model,
  resume: false,
  flags: { steps, warmup: 5 },
  run: { device: 'cpu', threads },
  log: () => {},
  progress: () => ticks.push(performance.now()),
});
// intervals between progress calls, past ONNX Runtime's slow first runs
const intervals = ticks.slice(5).map((t, i) => t - ticks[4 + i]).sort((a, b) => a - b);
const trainMs = intervals[intervals.length >> 1];
process.stderr.write(`train-vlm: ${trainMs.toFixed(1)} ms per step end to end\n`);

const decode = [];
for (const beam of [1, 3]) {
  const out = await caption(table(512, 2), model, { threads }, { beam, batchSize: 64, column: 'caption', report: false, reportRows: 0, provenance: { stage: 'caption' } });
  const m = out.metrics;
  decode.push([beam === 1 ? 'greedy' : `beam ${beam}`, m.rows, m.mean_words.toFixed(1), m.seconds.toFixed(2), (m.rows / m.seconds).toFixed(0)]);
  process.stderr.write(`caption beam ${beam}: ${(m.rows / m.seconds).toFixed(0)} rows/s\n`);
}
rmSync(dir, { recursive: true, force: true });

const lines = [
  '# Captioner speed (train-vlm, caption)',
  '',
  `\`node bench/vlm-speed.mjs --threads ${threads} --steps ${steps}\` on ${machine()}.`,
  `Image tokens ${H}x${W} of ${D} values, batch ${B}, vocabulary ${WORDS.length} words + 4 specials, at most ${MAX} words; d_model 128, 2 decoder layers, 4 heads;`,
  `random data. Shared machines only add time: the minimum is the figure to compare.`,
  '',
  '## Train step (AdamW, gradient clipping, one ONNX Runtime run)',
  '',
  markdownTable(
    ['model', 'min ms', 'median ms'],
    stepRows.map((r, i) => [CONFIGS[i][0], r.min.toFixed(1), r.median.toFixed(1)]),
  ),
  '',
  `train-vlm end to end (default model, batch assembly included; median interval between steps 5 and ${steps}): ${trainMs.toFixed(1)} ms per step, ${((B * 1000) / trainMs).toFixed(0)} pairs/s.`,
  '',
  `## Decoding (caption, 512 rows, --batch-size 64, after the ${steps} training steps)`,
  '',
  markdownTable(['decoding', 'rows', 'mean words', 'seconds', 'rows/s'], decode),
  '',
];
writeResult('vlm-speed', lines.join('\n'));
