/**
 * Triplet-GMPNN (Ibarz et al. 2022; CLRS `processors.PGN` with `use_triplets` and `gated`, as `MPNN`): the MPNN
 * update (processor-mpnn.ts) plus
 *
 * - triplet messages with F features (8 in CLRS):
 *     t_ijk = T1 z_i + T2 z_j + T3 z_k + Te1 e_ij + Te2 e_ik + Te3 e_jk + Tg g,
 *   maxed over the first index i and mapped to an edge latent  l_jk = ReLU(O3 max_i t_ijk)  [B, n, n, H], which the
 *   decoders see beside the edge features;
 * - a gate  u = sigmoid(G3 ReLU(G1 z + G2 a))  with G3's bias initialised to -3 (so a fresh network mostly keeps
 *   its state), and  h' = u · h + (1 - u) · h_prev.
 *
 * The terms of t_ijk that do not depend on i are added after the maximum (max_i(x_i + c) = max_i x_i + c), so only
 * T1 z_i + Te1 e_ij + Te2 e_ik fills the [B, n, n, n, F] tensor: the same values and gradients with fewer passes.
 */
import type { Graph, Value } from '../../engine/graph.js';
import { init } from '../../engine/init.js';
import { Linear } from '../../engine/nn/linear.js';
import { add, mul, reduceMax, relu, sigmoid, sub, unsqueeze } from '../../engine/ops/index.js';
import { Mpnn, present, sumOf, type ProcessorFeatures, type ProcessorInput, type ProcessorOutput } from './processor-mpnn.js';

export const TRIPLET_FEATURES = 8;
const GATE_BIAS = -3;

export class TripletGmpnn extends Mpnn {
  private readonly t1: Linear;
  private readonly t2: Linear;
  private readonly t3: Linear;
  private readonly te1: Linear | null;
  private readonly te2: Linear | null;
  private readonly te3: Linear | null;
  private readonly tg: Linear | null;
  private readonly o3: Linear;
  private readonly g1: Linear;
  private readonly g2: Linear;
  private readonly g3: Linear;
  private readonly g3Bias: Value;

  constructor(g: Graph, name: string, hidden: number, features: ProcessorFeatures, readonly tripletFeatures = TRIPLET_FEATURES) {
    super(g, name, hidden, features);
    const z = 2 * hidden;
    const f = tripletFeatures;
    const lin = (suffix: string, inputs: number, outputs: number, bias = false): Linear =>
      new Linear(g, `${name}.${suffix}`, inputs, outputs, { init: 'xavier', bias });
    this.t1 = lin('t1', z, f, true);
    this.t2 = lin('t2', z, f);
    this.t3 = lin('t3', z, f);
    this.te1 = features.edge ? lin('te1', hidden, f) : null;
    this.te2 = features.edge ? lin('te2', hidden, f) : null;
    this.te3 = features.edge ? lin('te3', hidden, f) : null;
    this.tg = features.graph ? lin('tg', hidden, f) : null;
    this.o3 = lin('o3', f, hidden, true);
    this.g1 = lin('gate1', z, hidden, true);
    this.g2 = lin('gate2', hidden, hidden);
    this.g3 = lin('gate3', hidden, hidden);
    this.g3Bias = g.param(`${name}.gate3.bias`, [hidden], init.constant(GATE_BIAS), { decay: false });
  }

  override apply(x: ProcessorInput): ProcessorOutput {
    const { z, aggregated } = this.messages(x);
    const h = this.update(z, aggregated);
    const gate = sigmoid(add(this.g3.apply(relu(add(this.g1.apply(z), this.g2.apply(aggregated)))), this.g3Bias));
    const hidden = add(mul(h, gate), mul(x.hidden, sub(1, gate)));
    return { hidden, edgeLatent: this.triplets(z, x.edge, x.graph) };
  }

  /** l_jk = ReLU(O3 max_i t_ijk), [B, n, n, H]. */
  private triplets(z: Value, edge: Value | null, graph: Value | null): Value {
    const eij = present(this.te1, edge, 'edge');
    const eik = present(this.te2, edge, 'edge');
    const g = present(this.tg, graph, 'graph');
    const overI = sumOf([
      unsqueeze(this.t1.apply(z), [2, 3]), // z_i: [B, n, 1, 1, F]
      eij && unsqueeze(eij, [3]), // e_ij: [B, n, n, 1, F]
      eik && unsqueeze(eik, [2]), // e_ik: [B, n, 1, n, F]
    ]);
    const rest = sumOf([
      unsqueeze(this.t2.apply(z), [2]), // z_j: [B, n, 1, F]
      unsqueeze(this.t3.apply(z), [1]), // z_k: [B, 1, n, F]
      present(this.te3, edge, 'edge'), // e_jk: [B, n, n, F]
      g && unsqueeze(g, [1, 2]),
    ]);
    return relu(this.o3.apply(add(reduceMax(overI, [1]), rest)));
  }
}
