/**
 * The text-to-image-token generator (MUSE / MaskGIT, docs/t2i.md): a bidirectional transformer over the H*W token
 * positions of an image, where masked positions hold the id K (one past the codebook), conditioned on the caption by
 * cross-attention in every layer. One graph maps token grids [batch, H*W] and caption word ids [batch, length] to
 * logits over the K codes at every position [batch, H*W, K]: the training graph adds the cross-entropy on the masked
 * positions, and model.onnx is the same network with the trained weights, run once per decoding step.
 */
import type { Graph, Value } from '../engine/graph.js';
import type { ModelOutputs } from '../engine/train-step.js';
import { Embedding, LayerNorm, Linear, maskedCrossEntropy } from '../engine/nn/index.js';
import { add, argmax, cast, div, dropout, equal, maximum, mul, reduceSum } from '../engine/ops/index.js';
import { DecoderBlock } from '../vlm/decoder-block.js';
import { CaptionEncoder, type CaptionEncoderSpec } from './caption-encoder.js';

export interface T2iSpec extends CaptionEncoderSpec {
  grid: { height: number; width: number };
  /** K: codes per token; the [MASK] id is K. */
  codebookSize: number;
  /** Generator layers (self-attention over the tokens, cross-attention to the caption, feed-forward). */
  layers: number;
}

export const NAMES = { tokens: 'tokens', caption: 'caption', targets: 'targets', mask: 'mask', logits: 'logits' } as const;

export const positionsOf = (spec: Pick<T2iSpec, 'grid'>): number => spec.grid.height * spec.grid.width;
/** The id of a masked position: one past the codebook. */
export const maskIdOf = (spec: Pick<T2iSpec, 'codebookSize'>): number => spec.codebookSize;
/** Caption positions the encoder has: <bos> and maxLength words. */
export const captionLengthOf = (spec: Pick<T2iSpec, 'maxLength'>): number => spec.maxLength + 1;

export class TokenGenerator {
  private readonly caption: CaptionEncoder;
  private readonly tokens: Embedding;
  private readonly positions: Embedding;
  private readonly blocks: DecoderBlock[];
  private readonly ln: LayerNorm;
  private readonly head: Linear;

  constructor(g: Graph, private readonly spec: T2iSpec) {
    const { dModel, heads, codebookSize } = spec;
    this.caption = new CaptionEncoder(g, 'caption', spec);
    this.tokens = new Embedding(g, 'generator.tokens', codebookSize + 1, dModel);
    // one learned vector per grid position: at 64 positions a full table costs 8k parameters
    this.positions = new Embedding(g, 'generator.positions', positionsOf(spec), dModel);
    this.blocks = Array.from({ length: spec.layers }, (_, l) => new DecoderBlock(g, `generator.${l}`, dModel, heads, spec.dropout, false));
    this.ln = new LayerNorm(g, 'generator.ln', dModel);
    this.head = new Linear(g, 'generator.head', dModel, codebookSize, { init: 'xavier' });
  }

  /** Tokens [batch, H*W] (ids in [0, K], K = masked) and caption ids [batch, length] -> logits [batch, H*W, K]. */
  apply(tokens: Value, caption: Value): Value {
    const { context, mask } = this.caption.apply(caption);
    let h = dropout(add(this.tokens.apply(tokens), this.positions.table), this.spec.dropout);
    for (const b of this.blocks) h = b.apply(h, context, mask);
    return this.head.apply(this.ln.apply(h));
  }
}

function inputs(g: Graph, spec: T2iSpec, length: number | string): { tokens: Value; caption: Value } {
  return {
    tokens: g.input(NAMES.tokens, 'int64', ['batch', positionsOf(spec)]),
    caption: g.input(NAMES.caption, 'int64', ['batch', length]),
  };
}

/**
 * Masked-token training: `tokens` holds [MASK] at the masked positions, `targets` the true codes everywhere, and
 * `mask` 1 at the masked positions. The loss is the cross-entropy averaged over the masked positions only (the
 * visible ones are given, so predicting them teaches nothing); accuracy is the share of masked positions whose most
 * likely code is the true one.
 */
export function t2iTraining(spec: T2iSpec): (g: Graph) => ModelOutputs {
  return (g) => {
    const { tokens, caption } = inputs(g, spec, captionLengthOf(spec));
    const targets = g.input(NAMES.targets, 'int64', ['batch', positionsOf(spec)]);
    const mask = g.input(NAMES.mask, 'float32', ['batch', positionsOf(spec)]);
    const logits = new TokenGenerator(g, spec).apply(tokens, caption);
    const hits = cast(equal(argmax(logits, -1), targets), 'float32');
    const accuracy = div(reduceSum(mul(hits, mask)), maximum(reduceSum(mask), 1));
    return { loss: maskedCrossEntropy(logits, targets, mask), metrics: { accuracy } };
  };
}

/** model.onnx: tokens [batch, H*W] and caption [batch, length <= maxLength + 1] -> logits [batch, H*W, K]. */
export function t2iInference(spec: T2iSpec): (g: Graph) => Record<string, Value> {
  return (g) => {
    const { tokens, caption } = inputs(g, spec, 'length');
    return { [NAMES.logits]: new TokenGenerator(g, spec).apply(tokens, caption) };
  };
}
