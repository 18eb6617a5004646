import type { Graph, Value } from '../engine/graph.js';
import { LayerNorm, MLP, MultiHeadAttention } from '../engine/nn/index.js';
import { add, dropout } from '../engine/ops/index.js';

/**
 * One layer of the caption decoder, pre-norm: causal self-attention over the words so far, cross-attention from
 * the words to the visual context, then a GELU feed-forward layer, each added back to the residual stream. The
 * text-to-image-token generator (src/t2i) stacks the same layer without the causal mask, attending to the caption.
 */
export class DecoderBlock {
  private readonly lnSelf: LayerNorm;
  private readonly lnCross: LayerNorm;
  private readonly lnFf: LayerNorm;
  private readonly self: MultiHeadAttention;
  private readonly cross: MultiHeadAttention;
  private readonly ff: MLP;

  constructor(g: Graph, name: string, dModel: number, heads: number, private readonly dropoutP: number, causal = true) {
    this.lnSelf = new LayerNorm(g, `${name}.ln_self`, dModel);
    this.lnCross = new LayerNorm(g, `${name}.ln_cross`, dModel);
    this.lnFf = new LayerNorm(g, `${name}.ln_ff`, dModel);
    this.self = new MultiHeadAttention(g, `${name}.self`, dModel, heads, { causal, dropout: dropoutP });
    this.cross = new MultiHeadAttention(g, `${name}.cross`, dModel, heads, { dropout: dropoutP });
    this.ff = new MLP(g, `${name}.ff`, [dModel, 4 * dModel, dModel], { activation: 'gelu' });
  }

  /** Words [batch, length, dModel] attending to context [batch, source, dModel]; contextMask bool [batch, source] hides padding. */
  apply(x: Value, context: Value, contextMask?: Value): Value {
    const p = this.dropoutP;
    let h = add(x, dropout(this.self.apply(this.lnSelf.apply(x)), p));
    h = add(h, dropout(this.cross.apply(this.lnCross.apply(h), context, contextMask), p));
    return add(h, dropout(this.ff.apply(this.lnFf.apply(h)), p));
  }
}
