import type { Graph, Value } from '../engine/graph.js';
import { Embedding, LayerNorm, Linear } from '../engine/nn/index.js';
import { add, reshape } from '../engine/ops/index.js';
import { PerceiverResampler } from './resampler.js';
import { tokenCount, type TokenGrid } from './table.js';

export interface VisualEncoderSpec {
  grid: Pick<TokenGrid, 'height' | 'width' | 'dim'>;
  dModel: number;
  heads: number;
  /** Resampler latents; 0 leaves the resampler out and the decoder attends to every visual token. */
  latents: number;
  resamplerLayers: number;
  dropout: number;
}

/**
 * What the decoder attends to: each image token's vector (a codebook embedding) projected to dModel, plus a learned
 * 2-D position (a row vector plus a column vector, so an 8x8 grid needs 16 position vectors, not 64), optionally
 * resampled to a few latents, and layer-normalised.
 */
export class VisualEncoder {
  private readonly project: Linear;
  private readonly rows: Embedding;
  private readonly cols: Embedding;
  private readonly resampler: PerceiverResampler | null;
  private readonly ln: LayerNorm;

  constructor(g: Graph, name: string, private readonly spec: VisualEncoderSpec) {
    const { grid, dModel } = spec;
    this.project = new Linear(g, `${name}.project`, grid.dim, dModel, { init: 'xavier' });
    this.rows = new Embedding(g, `${name}.row`, grid.height, dModel);
    this.cols = new Embedding(g, `${name}.col`, grid.width, dModel);
    this.resampler = spec.latents > 0 ? new PerceiverResampler(g, `${name}.resampler`, spec.latents, dModel, spec.heads, spec.resamplerLayers, spec.dropout) : null;
    this.ln = new LayerNorm(g, `${name}.ln`, dModel);
  }

  /** Flat embeddings [batch, T * D] (token-major) -> context [batch, T or latents, dModel]. */
  apply(embedding: Value): Value {
    const g = embedding.graph;
    const { width, dim } = this.spec.grid;
    const T = tokenCount(this.spec.grid);
    const tokens = reshape(embedding, [0, T, dim]);
    const ids = (f: (t: number) => number): Value => g.constant(Array.from({ length: T }, (_, t) => f(t)), 'int64', [T]);
    const position = add(this.rows.apply(ids((t) => Math.floor(t / width))), this.cols.apply(ids((t) => t % width)));
    const x = add(this.project.apply(tokens), position);
    return this.ln.apply(this.resampler ? this.resampler.apply(x) : x);
  }
}
