import { UsageError } from '../../common/errors.js';
import type { Graph, Value } from '../graph.js';
import { init } from '../init.js';
import { add, gemm, matmul } from '../ops/index.js';

export interface LinearOptions {
  bias?: boolean;
  /** 'he' for layers followed by ReLU/GELU (default), 'xavier' for tanh/sigmoid/linear outputs. */
  init?: 'he' | 'xavier';
}

/** y = x W + b over the last axis; W is [in, out] (so no transpose), b is [out]. */
export class Linear {
  readonly weight: Value;
  readonly bias: Value | null;

  constructor(
    g: Graph,
    name: string,
    readonly inFeatures: number,
    readonly outFeatures: number,
    o: LinearOptions = {},
  ) {
    const w = o.init === 'xavier' ? init.xavierUniform(inFeatures, outFeatures) : init.heUniform(inFeatures);
    this.weight = g.param(`${name}.weight`, [inFeatures, outFeatures], w);
    this.bias = o.bias === false ? null : g.param(`${name}.bias`, [outFeatures], init.zeros(), { decay: false });
  }

  apply(x: Value): Value {
    const k = x.shape[x.rank - 1];
    if (typeof k === 'number' && k !== this.inFeatures) {
      throw new UsageError(`linear '${this.weight.name}': expects ${this.inFeatures} input features, got ${k}`);
    }
    if (x.rank === 2) return gemm(x, this.weight, this.bias);
    const y = matmul(x, this.weight);
    return this.bias ? add(y, this.bias) : y;
  }
}
