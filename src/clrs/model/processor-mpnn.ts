/**
 * The MPNN processor of CLRS (`processors.PGN` as `MPNN` builds it: `msgs_mlp_sizes` [H, H], max aggregation,
 * layer norm on). With z_i = [node features_i ‖ previous hidden_i]:
 *
 *   m_ij  = MLP(ReLU(M1 z_j + M2 z_i + Me e_ij + Mg g))       (MLP: Linear, ReLU, Linear)
 *   a_j   = max_i m_ij                                       (over the i with adj_ij > 0 when an adjacency is given)
 *   h_j   = LayerNorm(ReLU(O1 z_j + O2 a_j))
 *
 * CLRS's `MPNN` replaces the adjacency by all ones, so every node hears every node and the graph reaches the
 * processor only through the edge features; `network.ts` does the same. `adjacency` stays as an option for
 * PGN-style masking (and is covered by the gradient checks).
 */
import type { Graph, Value } from '../../engine/graph.js';
import { LayerNorm } from '../../engine/nn/norm.js';
import { Linear } from '../../engine/nn/linear.js';
import { MLP } from '../../engine/nn/mlp.js';
import { add, concat, greater, reduceMax, relu, unsqueeze, where } from '../../engine/ops/index.js';

export interface ProcessorInput {
  /** [B, n, H] encoded node features. */
  node: Value;
  /** [B, n, n, H] encoded edge features, or null. */
  edge: Value | null;
  /** [B, H] encoded graph features, or null. */
  graph: Value | null;
  /** [B, n, H] the previous hidden state. */
  hidden: Value;
  /** [B, n, n]: messages i -> j are kept where adjacency[b, i, j] > 0; null: fully connected. */
  adjacency?: Value | null;
}

export interface ProcessorOutput {
  /** [B, n, H] the next hidden state. */
  hidden: Value;
  /** [B, n, n, H] an edge latent the decoders see beside the edge features (triplet messages), or null. */
  edgeLatent: Value | null;
}

export interface Processor {
  apply(x: ProcessorInput): ProcessorOutput;
}

/** Which feature groups the processor receives (the maps of absent groups are not created). */
export interface ProcessorFeatures {
  edge: boolean;
  graph: boolean;
}

/** Sums the present terms (absent feature groups contribute nothing, as zeros through a linear map plus bias). */
export function sumOf(terms: readonly (Value | null)[]): Value {
  const present = terms.filter((t): t is Value => t !== null);
  return present.slice(1).reduce((a, b) => add(a, b), present[0]);
}

/** The linear map of a feature group, applied; null when the group is absent (declared and given must agree). */
export function present(linear: Linear | null, x: Value | null, group: string): Value | null {
  if (!linear !== !x) throw new Error(`clrs processor: ${group} features ${x ? 'given but not declared' : 'declared but not given'}`);
  return linear && x ? linear.apply(x) : null;
}

/** A large negative stand-in for -inf in masked maxima (CLRS BIG_NUMBER). */
const BIG_NUMBER = 1e6;

export class Mpnn implements Processor {
  private readonly m1: Linear;
  private readonly m2: Linear;
  private readonly me: Linear | null;
  private readonly mg: Linear | null;
  private readonly mlp: MLP;
  private readonly o1: Linear;
  private readonly o2: Linear;
  private readonly norm: LayerNorm;

  constructor(g: Graph, readonly name: string, readonly hidden: number, readonly features: ProcessorFeatures) {
    const z = 2 * hidden;
    this.m1 = new Linear(g, `${name}.m1`, z, hidden, { init: 'xavier' });
    this.m2 = new Linear(g, `${name}.m2`, z, hidden, { init: 'xavier', bias: false });
    this.me = features.edge ? new Linear(g, `${name}.me`, hidden, hidden, { init: 'xavier', bias: false }) : null;
    this.mg = features.graph ? new Linear(g, `${name}.mg`, hidden, hidden, { init: 'xavier', bias: false }) : null;
    this.mlp = new MLP(g, `${name}.msg_mlp`, [hidden, hidden, hidden]);
    this.o1 = new Linear(g, `${name}.o1`, z, hidden, { init: 'xavier' });
    this.o2 = new Linear(g, `${name}.o2`, hidden, hidden, { init: 'xavier', bias: false });
    this.norm = new LayerNorm(g, `${name}.ln`, hidden);
  }

  apply(x: ProcessorInput): ProcessorOutput {
    const { z, aggregated } = this.messages(x);
    return { hidden: this.update(z, aggregated), edgeLatent: null };
  }

  /** z = [node ‖ hidden] and the aggregated messages a_j. */
  protected messages(x: ProcessorInput): { z: Value; aggregated: Value } {
    const z = concat([x.node, x.hidden], -1);
    const graph = present(this.mg, x.graph, 'graph');
    const pre = sumOf([
      unsqueeze(this.m1.apply(z), [1]),
      unsqueeze(this.m2.apply(z), [2]),
      present(this.me, x.edge, 'edge'),
      graph && unsqueeze(graph, [1, 2]),
    ]);
    let msgs = this.mlp.apply(relu(pre));
    if (x.adjacency) msgs = where(unsqueeze(greater(x.adjacency, 0), [-1]), msgs, -BIG_NUMBER);
    return { z, aggregated: reduceMax(msgs, [1]) };
  }

  /** h = LayerNorm(ReLU(O1 z + O2 a)). */
  protected update(z: Value, aggregated: Value): Value {
    return this.norm.apply(relu(add(this.o1.apply(z), this.o2.apply(aggregated))));
  }
}
