import type { Graph, Value } from '../graph.js';
import { add, clip, div, matmul, reduceSum } from '../ops/index.js';
import { activate, type Activation } from './activation.js';
import { Linear } from './linear.js';

/**
 * A message-passing layer over a dense adjacency matrix: h_i' = act(W_self h_i + W_msg mean_{j: a_ij > 0} a_ij h_j).
 * x is [nodes, features] or [batch, nodes, features]; adjacency is [nodes, nodes] or [batch, nodes, nodes]
 * (weights allowed). Messages are averaged by row degree (at least 1), so isolated nodes keep only their own term.
 */
export class GraphConv {
  private readonly self: Linear;
  private readonly msg: Linear;

  constructor(g: Graph, name: string, inFeatures: number, outFeatures: number, private readonly activation: Activation = 'relu') {
    this.self = new Linear(g, `${name}.self`, inFeatures, outFeatures);
    this.msg = new Linear(g, `${name}.msg`, inFeatures, outFeatures, { bias: false });
  }

  apply(x: Value, adjacency: Value): Value {
    const degree = clip(reduceSum(adjacency, [-1], true), 1);
    const messages = matmul(div(adjacency, degree), x);
    return activate(add(this.self.apply(x), this.msg.apply(messages)), this.activation);
  }
}
