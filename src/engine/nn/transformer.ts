import type { Graph, Value } from '../graph.js';
import { add, dropout } from '../ops/index.js';
import { MultiHeadAttention } from './attention.js';
import { LayerNorm } from './norm.js';
import { MLP } from './mlp.js';

export interface TransformerBlockOptions {
  /** Hidden width of the feed-forward part (default 4 dModel). */
  ffHidden?: number;
  causal?: boolean;
  dropout?: number;
}

/** A pre-norm transformer block: x + attn(ln(x)), then x + mlp(ln(x)) with GELU. */
export class TransformerBlock {
  private readonly ln1: LayerNorm;
  private readonly ln2: LayerNorm;
  private readonly attn: MultiHeadAttention;
  private readonly ff: MLP;

  constructor(g: Graph, name: string, dModel: number, heads: number, private readonly o: TransformerBlockOptions = {}) {
    this.ln1 = new LayerNorm(g, `${name}.ln1`, dModel);
    this.ln2 = new LayerNorm(g, `${name}.ln2`, dModel);
    this.attn = new MultiHeadAttention(g, `${name}.attn`, dModel, heads, { causal: o.causal, dropout: o.dropout });
    this.ff = new MLP(g, `${name}.ff`, [dModel, o.ffHidden ?? 4 * dModel, dModel], { activation: 'gelu' });
  }

  /** x [batch, time, dModel]; keyMask bool [batch, time] hides padded positions from attention (see MultiHeadAttention). */
  apply(x: Value, keyMask?: Value): Value {
    const p = this.o.dropout ?? 0;
    const h = add(x, dropout(this.attn.apply(this.ln1.apply(x), undefined, keyMask), p));
    return add(h, dropout(this.ff.apply(this.ln2.apply(h)), p));
  }
}
