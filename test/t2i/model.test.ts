/**
 * The generator's graphs: the training loss counts the masked positions only (against the exported logits, by
 * hand), and caption padding is invisible (key padding mask), in the engine's attention and in the whole model.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { Graph, type TensorData } from '../../src/engine/graph.js';
import { MultiHeadAttention, TransformerBlock } from '../../src/engine/nn/index.js';
import { NAMES, t2iInference, t2iTraining, type T2iSpec } from '../../src/t2i/model.js';
import { BOS, PAD } from '../../src/vlm/vocabulary.js';
import { arr, f32, i64, runGraph } from '../engine/helpers.js';

const spec: T2iSpec = { grid: { height: 2, width: 3 }, codebookSize: 5, vocabulary: 11, maxLength: 6, dModel: 8, heads: 2, layers: 2, captionLayers: 1, dropout: 0 };
const n = 6;
const K = 5;
const L = spec.maxLength + 1;

async function inferLogits(params: Map<string, TensorData>, tokens: number[], caption: number[], rows: number): Promise<number[]> {
  const g = new Graph();
  for (const [name, v] of Object.entries(t2iInference(spec)(g))) g.output(name, v);
  const out = await runGraph(g, { ...Object.fromEntries(params), [NAMES.tokens]: i64([rows, n], tokens), [NAMES.caption]: i64([rows, caption.length / rows], caption) });
  return arr(out[NAMES.logits]);
}

describe('generator training loss', () => {
  it('is the cross-entropy of the exported logits averaged over the masked positions only', async () => {
    const B = 3;
    const targets = [0, 1, 2, 3, 4, 0, 4, 4, 3, 2, 1, 1, 2, 0, 0, 1, 3, 4];
    const mask = [1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1];
    const tokens = targets.map((t, j) => (mask[j] ? K : t));
    const caption = [BOS, 5, 6, 7, PAD, PAD, PAD, BOS, PAD, PAD, PAD, PAD, PAD, PAD, BOS, 8, 9, 10, 4, 5, 6];

    const train = new Graph({ training: true });
    const built = t2iTraining(spec)(train);
    train.output('loss', built.loss);
    train.output('accuracy', built.metrics!.accuracy);
    const params = train.initParams(4);
    const feeds = { ...Object.fromEntries(params), [NAMES.tokens]: i64([B, n], tokens), [NAMES.caption]: i64([B, L], caption), [NAMES.targets]: i64([B, n], targets), [NAMES.mask]: f32([B, n], mask) };
    const got = await runGraph(train, feeds);

    const logits = await inferLogits(params, tokens, caption, B);
    let nll = 0;
    let hits = 0;
    for (let j = 0; j < B * n; j++) {
      if (!mask[j]) continue;
      const row = logits.slice(j * K, (j + 1) * K);
      const max = Math.max(...row);
      nll += max + Math.log(row.reduce((a, l) => a + Math.exp(l - max), 0)) - row[targets[j]];
      hits += row.indexOf(max) === targets[j] ? 1 : 0;
    }
    const masked = mask.reduce((a, b) => a + b, 0);
    expect(arr(got.loss)[0]).toBeCloseTo(nll / masked, 5);
    expect(arr(got.accuracy)[0]).toBeCloseTo(hits / masked, 6);

    // the visible positions' targets do not enter the loss
    const changed = targets.map((t, j) => (mask[j] ? t : (t + 1) % K));
    const again = await runGraph(train, { ...feeds, [NAMES.targets]: i64([B, n], changed) });
    expect(arr(again.loss)[0]).toBeCloseTo(arr(got.loss)[0], 6);
  });
});

describe('caption padding', () => {
  it('attention with a key mask equals attention over the unpadded keys, in self- and cross-attention', async () => {
    const [B, T, S, d] = [2, 3, 5, 4];
    // row 0 has 3 real context positions, row 1 all 5; the padded ones hold arbitrary values
    const g = new Graph();
    const x = g.input('x', 'float32', [B, T, d]);
    const ctx = g.input('ctx', 'float32', [B, S, d]);
    const keep = g.input('keep', 'bool', [B, S]);
    const attn = new MultiHeadAttention(g, 'attn', d, 2);
    const block = new TransformerBlock(g, 'block', d, 2);
    g.output('cross', attn.apply(x, ctx, keep));
    g.output('self', block.apply(ctx, keep));
    const params = g.initParams(1);
    const rng = new Rng(2);
    const xs = Array.from({ length: B * T * d }, () => rng.normal());
    const cs = Array.from({ length: B * S * d }, () => rng.normal());
    const keepData: TensorData = { dtype: 'bool', shape: [B, S], data: Uint8Array.from([1, 1, 1, 0, 0, 1, 1, 1, 1, 1]) };
    const out = await runGraph(g, { ...Object.fromEntries(params), x: f32([B, T, d], xs), ctx: f32([B, S, d], cs), keep: keepData });

    // row 0 alone with its three real positions and no mask
    const h = new Graph();
    const x1 = h.input('x', 'float32', [1, T, d]);
    const c1 = h.input('ctx', 'float32', [1, 3, d]);
    h.output('cross', new MultiHeadAttention(h, 'attn', d, 2).apply(x1, c1));
    h.output('self', new TransformerBlock(h, 'block', d, 2).apply(c1));
    const short = await runGraph(h, { ...Object.fromEntries(params), x: f32([1, T, d], xs.slice(0, T * d)), ctx: f32([1, 3, d], cs.slice(0, 3 * d)) });
    arr(short.cross).forEach((v, i) => expect(arr(out.cross)[i]).toBeCloseTo(v, 5));
    arr(short.self).forEach((v, i) => expect(arr(out.self)[i]).toBeCloseTo(v, 5));
  });

  it('a caption padded to full length gives the logits of the unpadded caption, the dropped one included', async () => {
    const g = new Graph();
    t2iInference(spec)(g);
    const params = g.initParams(7);
    const tokens = [K, 1, K, 3, K, K];
    for (const words of [[5, 9, 7], []]) {
      const bare = await inferLogits(params, tokens, [BOS, ...words], 1);
      const padded = await inferLogits(params, tokens, [BOS, ...words, ...new Array(spec.maxLength - words.length).fill(PAD)], 1);
      bare.forEach((v, i) => expect(padded[i]).toBeCloseTo(v, 5));
    }
    // and the caption matters: another word changes the logits
    const other = await inferLogits(params, tokens, [BOS, 5, 9, 8], 1);
    const base = await inferLogits(params, tokens, [BOS, 5, 9, 7], 1);
    expect(other.some((v, i) => Math.abs(v - base[i]) > 1e-4)).toBe(true);
  });
});
