/**
 * Input and hint encoders, after CLRS `encoders.py`: one linear map per probe into the hidden size, summed by where
 * the result lives. Node probes go to node features [B, n, H], edge probes to edge features [B, n, n, H], graph
 * probes to graph features [B, H]. A node pointer is its one-hot row over nodes, encoded as an edge feature
 * (edge i -> pi_i); an edge pointer (one-hot [B, n, n, n]) adds the mean of two encodings over its first and second
 * node axes, as `accum_edge_fts` does. Scalars, masks and pointer one-hots are encoded elementwise (a Linear of
 * one input feature); categorical probes through their one-hot.
 */
import type { Graph, Value } from '../../engine/graph.js';
import { Linear } from '../../engine/nn/linear.js';
import { add, reduceMean, unsqueeze } from '../../engine/ops/index.js';
import { names, type ModelProbe } from './probes.js';

export interface Features {
  node: Value;
  /** Null when the algorithm has no edge or pointer probe. */
  edge: Value | null;
  /** Null when the algorithm has no graph probe. */
  graph: Value | null;
}

interface ProbeEncoder {
  probe: ModelProbe;
  linear: Linear;
  /** The second encoder of an edge pointer. */
  second: Linear | null;
}

export class Encoders {
  private readonly encoders: ProbeEncoder[];

  constructor(g: Graph, probes: readonly ModelProbe[], hidden: number) {
    this.encoders = probes.map((probe) => {
      const name = `encoder.${names.feature(probe)}`;
      const inputs = probe.type === 'categorical' ? probe.categories! : 1;
      const edgePointer = probe.location === 'edge' && probe.type === 'pointer';
      return {
        probe,
        linear: new Linear(g, name, inputs, hidden, { init: 'xavier' }),
        second: edgePointer ? new Linear(g, `${name}.2`, 1, hidden, { init: 'xavier' }) : null,
      };
    });
  }

  /** `values`: each encoded probe's feature tensor under its feature name (`input.key`, `hint.pred_h`...). */
  apply(values: Readonly<Record<string, Value>>): Features {
    let node: Value | null = null;
    let edge: Value | null = null;
    let graph: Value | null = null;
    const sum = (acc: Value | null, x: Value): Value => (acc ? add(acc, x) : x);
    for (const { probe, linear, second } of this.encoders) {
      const x = values[names.feature(probe)];
      if (!x) throw new Error(`clrs encoders: no value for '${names.feature(probe)}'`);
      const elementwise = (v: Value, l: Linear): Value => l.apply(unsqueeze(v, [-1]));
      if (probe.type === 'pointer' && probe.location === 'edge') {
        edge = sum(edge, add(elementwise(reduceMean(x, [1]), linear), elementwise(reduceMean(x, [2]), second!)));
      } else if (probe.type === 'pointer') {
        edge = sum(edge, elementwise(x, linear));
      } else {
        const encoded = probe.type === 'categorical' ? linear.apply(x) : elementwise(x, linear);
        if (probe.location === 'node') node = sum(node, encoded);
        else if (probe.location === 'edge') edge = sum(edge, encoded);
        else graph = sum(graph, encoded);
      }
    }
    if (!node) throw new Error('clrs encoders: the algorithm has no node probe');
    return { node, edge, graph };
  }
}
