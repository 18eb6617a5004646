import type { Graph, Value } from '../engine/graph.js';
import { Embedding, LayerNorm, TransformerBlock } from '../engine/nn/index.js';
import { add, dropout, equal, gather, not, range, shape } from '../engine/ops/index.js';
import { PAD } from '../vlm/vocabulary.js';

export interface CaptionEncoderSpec {
  /** Vocabulary size, specials included. */
  vocabulary: number;
  /** Words per caption at most; the encoder reads <bos> and up to maxLength words. */
  maxLength: number;
  dModel: number;
  heads: number;
  /** Self-attention blocks over the words (0: word and position embeddings only). */
  captionLayers: number;
  dropout: number;
}

/**
 * The generator's text encoder, trained with it from scratch (MUSE uses a frozen T5-XXL; the scene grammar has a few
 * dozen words, docs/t2i.md): word plus learned position embeddings, bidirectional pre-norm self-attention blocks, and
 * a final LayerNorm. Padding is hidden from every attention by a key mask, so a caption padded to any length encodes
 * to the same vectors at its real positions. The caption always starts with <bos>, which is never padding: a dropped
 * caption (classifier-free guidance) is <bos> alone, and every query still has one key to attend to.
 */
export class CaptionEncoder {
  private readonly words: Embedding;
  private readonly positions: Embedding;
  private readonly blocks: TransformerBlock[];
  private readonly ln: LayerNorm;

  constructor(g: Graph, name: string, private readonly spec: CaptionEncoderSpec) {
    const { vocabulary, maxLength, dModel, heads, captionLayers } = spec;
    this.words = new Embedding(g, `${name}.words`, vocabulary, dModel);
    this.positions = new Embedding(g, `${name}.positions`, maxLength + 1, dModel);
    this.blocks = Array.from({ length: captionLayers }, (_, l) => new TransformerBlock(g, `${name}.${l}`, dModel, heads, { dropout: spec.dropout }));
    this.ln = new LayerNorm(g, `${name}.ln`, dModel);
  }

  /** Word ids [batch, length] (<bos>, words, <pad>s) -> context [batch, length, dModel] and its key mask bool [batch, length]. */
  apply(ids: Value): { context: Value; mask: Value } {
    const g = ids.graph;
    const mask = not(equal(ids, g.scalar(PAD, 'int64')));
    const length = gather(shape(ids), g.scalar(1, 'int64'), 0);
    const where = this.positions.apply(range(g.scalar(0, 'int64'), length, g.scalar(1, 'int64')));
    let h = dropout(add(this.words.apply(ids), where), this.spec.dropout);
    for (const b of this.blocks) h = b.apply(h, mask);
    return { context: this.ln.apply(h), mask };
  }
}
