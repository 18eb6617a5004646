/**
 * Decoders, after CLRS `decoders.py`: each decoded probe maps the decoder node features h [B, n, Dh]
 * (= [node features ‖ previous hidden ‖ next hidden]), the decoder edge features e [B, n, n, De] (= [edge features ‖
 * triplet edge latent]) and the graph features g [B, H] to logits:
 *
 * | location | scalar, mask, mask_one       | categorical     | pointer                                          |
 * | node     | L(h_i)              [B, n]   | [B, n, C]       | L4(max(L1 h_i, L2 h_u + L3 e_ui))   [B, n, n]    |
 * | edge     | L1 h_i + L2 h_j + L3 e_ij    | [B, n, n, C]    | L5(max(L1 h_i + L2 h_j + L3 e_ij, L4 h_u)) [B, n, n, n] |
 * | graph    | L1 max_i h_i + L2 g   [B]    | [B, C]          | -                                                |
 *
 * A pointer's logits run over the last axis u (softmax over candidate targets). The node pointer decoder also
 * returns its pair representation p_iu = max(L1 h_i, L2 h_u + L3 e_ui) [B, n, n, H] before the read-out: the
 * representation a contrastive term on pointer hints (Hint-ReLIC, method note §1.4) would compare.
 */
import type { Graph, Value } from '../../engine/graph.js';
import { Linear } from '../../engine/nn/linear.js';
import { maximum, reduceMax, squeeze, transpose, unsqueeze } from '../../engine/ops/index.js';
import { present, sumOf } from './processor-mpnn.js';
import { names, type ModelProbe } from './probes.js';

export interface DecoderInput {
  /** [B, n, Dh]. */
  node: Value;
  /** [B, n, n, De], or null when the algorithm has no edge features and the processor no edge latent. */
  edge: Value | null;
  /** [B, H], or null. */
  graph: Value | null;
}

export interface Decoded {
  logits: Value;
  /** Node pointers: the pair representation [B, n, n, H] before the read-out. */
  pairs?: Value;
}

/** Feature sizes of the decoder inputs; edge or graph 0 when those features are absent. */
export interface DecoderSizes {
  node: number;
  edge: number;
  graph: number;
  hidden: number;
}

export class Decoder {
  /** Node and graph decoders: [L1] or [L1, L2, L3, L4]; edge decoders: [L1, L2, L3] or [L1 .. L5] (CLRS order). */
  private readonly layers: (Linear | null)[];

  constructor(g: Graph, readonly probe: ModelProbe, sizes: DecoderSizes) {
    const name = `decoder.${names.feature(probe)}`;
    const out = probe.type === 'categorical' ? probe.categories! : 1;
    const lin = (k: number, inputs: number, outputs: number): Linear | null =>
      inputs > 0 ? new Linear(g, `${name}.${k}`, inputs, outputs, { init: 'xavier' }) : null;
    const H = sizes.hidden;
    const pointer = isPointer(probe);
    if (probe.location === 'node') {
      this.layers = pointer ? [lin(0, sizes.node, H), lin(1, sizes.node, H), lin(2, sizes.edge, H), lin(3, H, 1)] : [lin(0, sizes.node, out)];
    } else if (probe.location === 'edge') {
      const first = pointer ? H : out;
      this.layers = [lin(0, sizes.node, first), lin(1, sizes.node, first), lin(2, sizes.edge, first)];
      if (pointer) this.layers.push(lin(3, sizes.node, H), lin(4, H, 1));
    } else {
      this.layers = [lin(0, sizes.node, out), lin(1, sizes.graph, out)];
    }
  }

  apply(x: DecoderInput): Decoded {
    const { probe } = this;
    const L = (k: number, v: Value | null): Value | null => present(this.layers[k], v, k === 1 ? 'graph' : 'edge');
    const must = (k: number, v: Value): Value => L(k, v)!;
    const squeezeOne = (v: Value): Value => (probe.type === 'categorical' ? v : squeeze(v, [-1]));
    if (probe.location === 'node') {
      if (!isPointer(probe)) return { logits: squeezeOne(must(0, x.node)) };
      // p_iu = max(L1 h_i, L2 h_u + L3 e_ui): the candidate's term is indexed [u, i] and moved to [i, u].
      const target = sumOf([unsqueeze(must(1, x.node), [2]), L(2, x.edge)]);
      const pairs = maximum(unsqueeze(must(0, x.node), [2]), transpose(target, [0, 2, 1, 3]));
      return { logits: squeeze(must(3, pairs), [-1]), pairs };
    }
    if (probe.location === 'edge') {
      const pair = sumOf([unsqueeze(must(0, x.node), [2]), unsqueeze(must(1, x.node), [1]), L(2, x.edge)]);
      if (!isPointer(probe)) return { logits: squeezeOne(pair) };
      const candidates = unsqueeze(must(3, x.node), [1, 2]); // h_u: [B, 1, 1, n, H]
      return { logits: squeeze(must(4, maximum(unsqueeze(pair, [3]), candidates)), [-1]) };
    }
    return { logits: squeezeOne(sumOf([must(0, reduceMax(x.node, [1])), L(1, x.graph)])) };
  }
}

function isPointer(p: ModelProbe): boolean {
  return p.type === 'pointer' || p.type === 'permutation_pointer';
}
