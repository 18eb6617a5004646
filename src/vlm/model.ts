/**
 * The captioner: a visual encoder over the image tokens (projection, 2-D positions, optional Perceiver resampler)
 * and a small pre-norm transformer decoder whose every layer cross-attends to it (docs/vlm.md says why
 * cross-attention, and why trained end to end). One graph maps image embeddings and word ids [batch, length] to
 * next-word logits [batch, length, vocabulary]: the training graph adds the masked cross-entropy against the
 * shifted words, and model.onnx is the same network with the trained weights, run once per decoding step.
 */
import type { Graph, Value } from '../engine/graph.js';
import type { ModelOutputs } from '../engine/train-step.js';
import { Embedding, LayerNorm, Linear, maskedCrossEntropy } from '../engine/nn/index.js';
import { add, argmax, cast, div, dropout, equal, gather, maximum, mul, not, range, reduceSum, shape } from '../engine/ops/index.js';
import { DecoderBlock } from './decoder-block.js';
import { tokenCount } from './table.js';
import { VisualEncoder, type VisualEncoderSpec } from './visual-encoder.js';
import { PAD } from './vocabulary.js';

export interface CaptionerSpec extends VisualEncoderSpec {
  /** Vocabulary size, specials included. */
  vocabulary: number;
  /** Words per caption at most; the decoder has maxLength + 1 positions (<bos> and the words, or the words and <eos>). */
  maxLength: number;
  layers: number;
}

/** ONNX input and output names of the training graph and of model.onnx. */
export const NAMES = { embedding: 'embedding', tokens: 'tokens', targets: 'targets', logits: 'logits' } as const;

export class Captioner {
  private readonly visual: VisualEncoder;
  private readonly words: Embedding;
  private readonly positions: Embedding;
  private readonly blocks: DecoderBlock[];
  private readonly ln: LayerNorm;
  private readonly head: Linear;

  constructor(g: Graph, private readonly spec: CaptionerSpec) {
    const { dModel, heads, vocabulary } = spec;
    this.visual = new VisualEncoder(g, 'visual', spec);
    this.words = new Embedding(g, 'decoder.words', vocabulary, dModel);
    this.positions = new Embedding(g, 'decoder.positions', spec.maxLength + 1, dModel);
    this.blocks = Array.from({ length: spec.layers }, (_, l) => new DecoderBlock(g, `decoder.${l}`, dModel, heads, spec.dropout));
    this.ln = new LayerNorm(g, 'decoder.ln', dModel);
    this.head = new Linear(g, 'decoder.head', dModel, vocabulary, { init: 'xavier' });
  }

  /** Embeddings [batch, T * D] and word ids [batch, length] (length <= maxLength + 1) -> logits [batch, length, V]. */
  apply(embedding: Value, tokens: Value): Value {
    const g = tokens.graph;
    const context = this.visual.apply(embedding);
    const length = gather(shape(tokens), g.scalar(1, 'int64'), 0);
    const where = this.positions.apply(range(g.scalar(0, 'int64'), length, g.scalar(1, 'int64')));
    let h = dropout(add(this.words.apply(tokens), where), this.spec.dropout);
    for (const b of this.blocks) h = b.apply(h, context);
    return this.head.apply(this.ln.apply(h));
  }
}

function inputs(g: Graph, spec: CaptionerSpec, length: number | string): { embedding: Value; tokens: Value } {
  return {
    embedding: g.input(NAMES.embedding, 'float32', ['batch', tokenCount(spec.grid) * spec.grid.dim]),
    tokens: g.input(NAMES.tokens, 'int64', ['batch', length]),
  };
}

/**
 * Teacher forcing: tokens are <bos> w1 .. wn and targets w1 .. wn <eos>, both padded with <pad> to maxLength + 1.
 * The loss is the cross-entropy averaged over the non-pad targets; token_accuracy is the share of them whose most
 * likely word is the target.
 */
export function captionerTraining(spec: CaptionerSpec): (g: Graph) => ModelOutputs {
  return (g) => {
    const { embedding, tokens } = inputs(g, spec, spec.maxLength + 1);
    const targets = g.input(NAMES.targets, 'int64', ['batch', spec.maxLength + 1]);
    const logits = new Captioner(g, spec).apply(embedding, tokens);
    const mask = cast(not(equal(targets, g.scalar(PAD, 'int64'))), 'float32');
    const hits = cast(equal(argmax(logits, -1), targets), 'float32');
    const accuracy = div(reduceSum(mul(hits, mask)), maximum(reduceSum(mask), 1));
    return { loss: maskedCrossEntropy(logits, targets, mask), metrics: { token_accuracy: accuracy } };
  };
}

/** model.onnx: embedding [batch, T * D] and tokens [batch, length] -> logits [batch, length, vocabulary]. */
export function captionerInference(spec: CaptionerSpec): (g: Graph) => Record<string, Value> {
  return (g) => {
    const { embedding, tokens } = inputs(g, spec, 'length');
    return { [NAMES.logits]: new Captioner(g, spec).apply(embedding, tokens) };
  };
}
