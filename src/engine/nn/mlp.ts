import type { Graph, Value } from '../graph.js';
import { dropout } from '../ops/index.js';
import { activate, type Activation } from './activation.js';
import { Linear } from './linear.js';

export interface MlpOptions {
  activation?: Activation;
  /** Dropout after each hidden activation (training graphs only). */
  dropout?: number;
}

/** Linear layers of the given sizes ([in, hidden..., out]) with an activation between them, none after the last. */
export class MLP {
  readonly layers: Linear[];

  constructor(g: Graph, name: string, sizes: readonly number[], private readonly o: MlpOptions = {}) {
    const act = o.activation ?? 'relu';
    const he = act === 'relu' || act === 'gelu';
    this.layers = sizes.slice(1).map(
      (out, i) => new Linear(g, `${name}.${i}`, sizes[i], out, { init: he && i < sizes.length - 2 ? 'he' : 'xavier' }),
    );
  }

  apply(x: Value): Value {
    let h = x;
    this.layers.forEach((layer, i) => {
      h = layer.apply(h);
      if (i < this.layers.length - 1) {
        h = activate(h, this.o.activation ?? 'relu');
        if (this.o.dropout) h = dropout(h, this.o.dropout);
      }
    });
    return h;
  }
}
