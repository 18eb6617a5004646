import type { Graph, Value } from '../engine/graph.js';
import { init } from '../engine/init.js';
import { MLP, LayerNorm, MultiHeadAttention } from '../engine/nn/index.js';
import { add, concat, dropout, expand, gather, shape, unsqueeze } from '../engine/ops/index.js';

/**
 * A Perceiver resampler (Flamingo, Alayrac et al. 2022): `count` learned latent vectors cross-attend to the visual
 * tokens, so the decoder attends to a fixed, small set of vectors whatever the grid size. As in Flamingo, the
 * latents attend to the visual tokens and to themselves (keys and values are the concatenation), then pass through
 * a feed-forward layer; both with pre-norm residuals.
 */
export class PerceiverResampler {
  private readonly latents: Value;
  private readonly layers: { lnX: LayerNorm; lnLatents: LayerNorm; attn: MultiHeadAttention; lnFf: LayerNorm; ff: MLP }[] = [];

  constructor(g: Graph, name: string, readonly count: number, private readonly dModel: number, heads: number, depth: number, private readonly dropoutP: number) {
    this.latents = g.param(`${name}.latents`, [count, dModel], init.normal(1 / Math.sqrt(dModel)));
    for (let l = 0; l < depth; l++) {
      const p = `${name}.${l}`;
      this.layers.push({
        lnX: new LayerNorm(g, `${p}.ln_x`, dModel),
        lnLatents: new LayerNorm(g, `${p}.ln_latents`, dModel),
        attn: new MultiHeadAttention(g, `${p}.attn`, dModel, heads, { dropout: dropoutP }),
        lnFf: new LayerNorm(g, `${p}.ln_ff`, dModel),
        ff: new MLP(g, `${p}.ff`, [dModel, 4 * dModel, dModel], { activation: 'gelu' }),
      });
    }
  }

  /** Visual tokens [batch, tokens, dModel] -> latents [batch, count, dModel]. */
  apply(x: Value): Value {
    const g = x.graph;
    const batch = gather(shape(x), g.constant([0], 'int64', [1]), 0);
    let h = expand(unsqueeze(this.latents, [0]), concat([batch, g.constant([this.count, this.dModel], 'int64', [2])], 0));
    for (const l of this.layers) {
      const q = l.lnLatents.apply(h);
      h = add(h, dropout(l.attn.apply(q, concat([l.lnX.apply(x), q], 1)), this.dropoutP));
      h = add(h, dropout(l.ff.apply(l.lnFf.apply(h)), this.dropoutP));
    }
    return h;
  }
}
