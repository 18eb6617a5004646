/** The captioner's loss leaves padding out: checked by hand on numbers, and through the whole training graph. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { Graph, type TensorData } from '../../src/engine/graph.js';
import { maskedCrossEntropy } from '../../src/engine/nn/index.js';
import { captionerInference, captionerTraining, NAMES, type CaptionerSpec } from '../../src/vlm/model.js';
import { BOS, EOS, PAD } from '../../src/vlm/vocabulary.js';
import { arr, f32, i64, runGraph } from '../engine/helpers.js';

describe('maskedCrossEntropy', () => {
  it('averages over the unmasked positions only', async () => {
    const g = new Graph();
    const logits = g.input('logits', 'float32', [1, 3, 2]);
    const labels = g.input('labels', 'int64', [1, 3]);
    const mask = g.input('mask', 'float32', [1, 3]);
    g.output('loss', maskedCrossEntropy(logits, labels, mask));
    // position 0: p(1) = 3/4; position 1 is masked; position 2: p(1) = 1/3. Mean of ln(4/3) and ln(3) = ln 2.
    const out = await runGraph(g, {
      logits: f32([1, 3, 2], [0, Math.log(3), 5, -5, Math.log(2), 0]),
      labels: i64([1, 3], [1, 1, 1]),
      mask: f32([1, 3], [1, 0, 1]),
    });
    expect(arr(out.loss)[0]).toBeCloseTo(Math.LN2, 6);
    const none = await runGraph(g, { logits: f32([1, 3, 2], [0, 0, 0, 0, 0, 0]), labels: i64([1, 3], [0, 0, 0]), mask: f32([1, 3], [0, 0, 0]) });
    expect(arr(none.loss)[0]).toBe(0);
  });
});

describe('captioner training loss', () => {
  const spec: CaptionerSpec = { grid: { height: 2, width: 3, dim: 4 }, vocabulary: 9, maxLength: 5, dModel: 8, heads: 2, layers: 2, latents: 3, resamplerLayers: 1, dropout: 0 };
  const B = 3;
  const L = spec.maxLength + 1;
  // captions of 0, 2 and 5 words: most positions of the first two rows are padding
  const captions = [[], [4, 7], [5, 5, 8, 6, 4]];

  it('equals the cross-entropy of the exported logits over words and <eos>, pads left out', async () => {
    const rng = new Rng(5);
    const embedding = f32([B, 24], Array.from({ length: B * 24 }, () => rng.normal()));
    const tokens = new Array<number>(B * L).fill(PAD);
    const targets = new Array<number>(B * L).fill(PAD);
    captions.forEach((c, b) => {
      tokens[b * L] = BOS;
      c.forEach((w, k) => ((tokens[b * L + k + 1] = w), (targets[b * L + k] = w)));
      targets[b * L + c.length] = EOS;
    });

    const train = new Graph({ training: true });
    const built = captionerTraining(spec)(train);
    train.output('loss', built.loss);
    train.output('token_accuracy', built.metrics!.token_accuracy);
    const params = train.initParams(11);
    const feeds: Record<string, TensorData> = { ...Object.fromEntries(params), [NAMES.embedding]: embedding, [NAMES.tokens]: i64([B, L], tokens), [NAMES.targets]: i64([B, L], targets) };
    const got = await runGraph(train, feeds);

    const infer = new Graph();
    for (const [name, v] of Object.entries(captionerInference(spec)(infer))) infer.output(name, v);
    const logits = arr((await runGraph(infer, { ...Object.fromEntries(params), [NAMES.embedding]: embedding, [NAMES.tokens]: i64([B, L], tokens) }))[NAMES.logits]);
    const V = spec.vocabulary;
    let nll = 0;
    let hits = 0;
    let counted = 0;
    for (let p = 0; p < B * L; p++) {
      if (targets[p] === PAD) continue;
      const row = logits.slice(p * V, (p + 1) * V);
      const max = Math.max(...row);
      const z = max + Math.log(row.reduce((a, l) => a + Math.exp(l - max), 0));
      nll += z - row[targets[p]];
      hits += row.indexOf(max) === targets[p] ? 1 : 0;
      counted++;
    }
    expect(counted).toBe(1 + 3 + 6);
    expect(arr(got.loss)[0]).toBeCloseTo(nll / counted, 5);
    expect(arr(got.token_accuracy)[0]).toBeCloseTo(hits / counted, 6);
  });
});
