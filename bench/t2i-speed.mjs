#!/usr/bin/env node
// Speed of the text-to-image-token generator (src/t2i) at the Synth2 miniature's sizes: 8x8 token grids over a
// codebook of 128, batch 64, a 44-word vocabulary, captions of at most 16 words. Reports
//   - the train step (one session.run: forward, backward, clipping, AdamW), minimum and median over --steps steps,
//     for the default model (d 64, 4 layers, 4 heads, 1 caption layer, dropout 0.1) and variants;
//   - sampling (Generator.sample: MaskGIT decoding, 8 steps, temperature 1) of 64 captions per batch, with guidance
//     (conditional and unconditional passes batched: 128 rows a model run) and without (g = 1: 64 rows), in ms per
//     caption, minimum and median over --rounds runs of 64 captions.
// The data are random, so the numbers are speed only. Configurations run in interleaved rounds, so that load from
// other processes hits all alike.
//   node bench/t2i-speed.mjs [--threads 1] [--steps 20] [--rounds 5]      (run `npm run build` first)
// Writes bench/results/t2i-speed.md.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Field, FixedSizeList, Int32, List, makeData, Schema, Utf8, vectorFromArray } from 'apache-arrow';
import { Rng } from '../dist/common/random.js';
import { buildTrainStep, optim, ort, TrainStep } from '../dist/engine/index.js';
import { batchOf } from '../dist/io/images.js';
import { openGenerator } from '../dist/stages/generator-session.js';
import { trainT2i } from '../dist/stages/train-t2i.js';
import { NAMES, t2iTraining } from '../dist/t2i/model.js';
import { machine, markdownTable, writeResult } from './lib/causal.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const threads = arg('threads', 1);
const steps = arg('steps', 20);
const rounds = arg('rounds', 5);
const [H, W, K, B, MAX] = [8, 8, 128, 64, 16];
const n = H * W;
const WORDS = Array.from({ length: 44 }, (_, i) => `w${i}`);
const caption = (rng) => Array.from({ length: 4 + rng.int(9) }, () => WORDS[rng.int(WORDS.length)]).join(' ');

function table(rows, seed) {
  const rng = new Rng(seed);
  const tokens = Int32Array.from({ length: rows * n }, () => rng.int(K));
  const refs = Array.from({ length: rows }, () => Array.from({ length: 5 }, () => caption(rng)));
  const meta = new Map([['grid_height', String(H)], ['grid_width', String(W)], ['codebook_size', String(K)]]);
  const field = new Field('tokens', new FixedSizeList(n, new Field('item', new Int32(), false)), false, meta);
  const type = new List(new Field('item', new Utf8(), true));
  const schema = new Schema([field, new Field('captions', type, true)]);
  const data = makeData({ type: field.type, length: rows, nullCount: 0, child: makeData({ type: new Int32(), length: tokens.length, data: tokens }) });
  const batches = [batchOf(schema, [data, vectorFromArray(refs, type).data[0]])];
  return { name: `random-${seed}`, schema, batches: (async function* () { yield* batches; })() };
}

const DEFAULT = { dModel: 64, heads: 4, layers: 4, captionLayers: 1, dropout: 0.1 };
const CONFIGS = [
  ['d 64, 4 layers, dropout 0.1 (default)', DEFAULT],
  ['d 64, 4 layers, --dropout 0', { ...DEFAULT, dropout: 0 }],
  ['d 128, 4 layers, dropout 0.1', { ...DEFAULT, dModel: 128 }],
  ['d 128, 2 layers, dropout 0.1', { ...DEFAULT, dModel: 128, layers: 2 }],
];

async function stepTimes() {
  const rng = new Rng(2);
  const L = MAX + 1;
  const words = BigInt64Array.from({ length: B * L }, (_, i) => (i % L === 0 ? 1n : i % L < 10 ? BigInt(4 + rng.int(WORDS.length)) : 0n));
  const targets = BigInt64Array.from({ length: B * n }, () => BigInt(rng.int(K)));
  const mask = Float32Array.from({ length: B * n }, () => (rng.uniform() < 0.6 ? 1 : 0));
  const feeds = {
    [NAMES.tokens]: new ort.Tensor('int64', targets.map((t, i) => (mask[i] ? BigInt(K) : t)), [B, n]),
    [NAMES.caption]: new ort.Tensor('int64', words, [B, L]),
    [NAMES.targets]: new ort.Tensor('int64', targets, [B, n]),
    [NAMES.mask]: new ort.Tensor('float32', mask, [B, n]),
  };
  const runs = [];
  for (const [, over] of CONFIGS) {
    const spec = { grid: { height: H, width: W }, codebookSize: K, vocabulary: WORDS.length + 4, maxLength: MAX, ...over };
    const built = buildTrainStep({ build: t2iTraining(spec), optimizer: optim.adamw({ weightDecay: 0.01 }), clipNorm: 1 });
    const step = await TrainStep.create(built, { seed: 1, threads });
    for (let i = 0; i < 3; i++) await step.run(feeds, 1e-3);
    runs.push({ step, times: [] });
  }
  for (let r = 0; r < rounds; r++) {
    for (const run of runs) {
      for (let i = 0; i < Math.ceil(steps / rounds); i++) {
        const t0 = performance.now();
        await run.step.run(feeds, 1e-3);
        run.times.push(performance.now() - t0);
      }
    }
  }
  return Promise.all(runs.map(async ({ step, times }) => (await step.release(), stats(times))));
}

function stats(times) {
  times.sort((a, b) => a - b);
  return { min: times[0], median: times[times.length >> 1] };
}

async function sampleTimes() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'causal-t2i-speed-'));
  const gens = [];
  for (const [i, [, over]] of CONFIGS.entries()) {
    const model = path.join(dir, `m${i}`);
    await trainT2i({ input: table(256, 1), dir: model, resume: false, flags: { ...over, steps: 2 }, run: { device: 'cpu', threads }, log: () => {}, progress: () => {} });
    gens.push(await openGenerator(model, { threads, batchSize: B }));
  }
  const rng = new Rng(3);
  const rows = Array.from({ length: B }, (_, i) => ({ id: `r${i}`, caption: caption(rng) }));
  const guidances = [2, 1];
  const times = gens.map(() => guidances.map(() => []));
  for (const g of gens) await g.sample(rows.slice(0, 4), { steps: 8, temperature: 1, guidance: 2, seed: 0 });
  for (let r = 0; r < rounds; r++) {
    for (const [i, g] of gens.entries()) {
      for (const [j, guidance] of guidances.entries()) {
        const t0 = performance.now();
        await g.sample(rows, { steps: 8, temperature: 1, guidance, seed: r });
        times[i][j].push((performance.now() - t0) / B);
      }
    }
  }
  for (const g of gens) await g.release();
  rmSync(dir, { recursive: true, force: true });
  return times.map((perGuidance) => perGuidance.map(stats));
}

const stepRows = await stepTimes();
stepRows.forEach((r, i) => process.stderr.write(`train step, ${CONFIGS[i][0]}: ${r.min.toFixed(0)} ms\n`));
const sampleRows = await sampleTimes();
sampleRows.forEach((r, i) => process.stderr.write(`sample, ${CONFIGS[i][0]}: ${r[0].min.toFixed(1)} ms per caption with guidance\n`));

const lines = [
  '# Text-to-image-token generator speed (train --task t2i, Generator.sample)',
  '',
  `\`node bench/t2i-speed.mjs --threads ${threads} --steps ${steps} --rounds ${rounds}\` on ${machine()}.`,
  `Token grids ${H}x${W} over ${K} codes, batch ${B}, vocabulary ${WORDS.length} words + 4 specials, captions of at most ${MAX} words,`,
  '4 heads and 1 caption layer throughout; random data. Shared machines only add time: the minimum is the figure to compare.',
  '',
  `## Train step (AdamW, gradient clipping, one ONNX Runtime run; ${steps} steps)`,
  '',
  markdownTable(['model', 'min ms', 'median ms'], stepRows.map((r, i) => [CONFIGS[i][0], r.min.toFixed(0), r.median.toFixed(0)])),
  '',
  `## Sampling (MaskGIT, 8 steps, temperature 1; ${B} captions a batch, ${rounds} batches)`,
  '',
  markdownTable(
    ['model', 'guidance 2: min ms/caption', 'median', 'guidance 1 (no unconditional pass): min', 'median'],
    sampleRows.map(([g2, g1], i) => [CONFIGS[i][0], g2.min.toFixed(1), g2.median.toFixed(1), g1.min.toFixed(1), g1.median.toFixed(1)]),
  ),
  '',
];
writeResult('t2i-speed', lines.join('\n'));
