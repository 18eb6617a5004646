import type { Graph, Value } from '../graph.js';
import { init } from '../init.js';
import { batchNorm, layerNorm } from '../ops/index.js';

/** Layer normalisation over the last axis with learned scale and shift. */
export class LayerNorm {
  readonly scale: Value;
  readonly bias: Value;

  constructor(g: Graph, name: string, features: number, private readonly eps = 1e-5) {
    this.scale = g.param(`${name}.scale`, [features], init.ones(), { decay: false });
    this.bias = g.param(`${name}.bias`, [features], init.zeros(), { decay: false });
  }

  apply(x: Value): Value {
    return layerNorm(x, this.scale, this.bias, -1, this.eps);
  }
}

/**
 * Batch normalisation over channel axis 1. Running mean and variance are buffers: in a training graph the
 * layer registers their updated values with the graph, and the train step writes them back after each step.
 */
export class BatchNorm {
  readonly scale: Value;
  readonly bias: Value;
  readonly runningMean: Value;
  readonly runningVar: Value;

  constructor(
    private readonly g: Graph,
    name: string,
    channels: number,
    private readonly o: { momentum?: number; eps?: number } = {},
  ) {
    this.scale = g.param(`${name}.scale`, [channels], init.ones(), { decay: false });
    this.bias = g.param(`${name}.bias`, [channels], init.zeros(), { decay: false });
    this.runningMean = g.buffer(`${name}.running_mean`, [channels], init.zeros());
    this.runningVar = g.buffer(`${name}.running_var`, [channels], init.ones());
  }

  apply(x: Value): Value {
    const r = batchNorm(x, this.scale, this.bias, this.runningMean, this.runningVar, { training: this.g.training, ...this.o });
    if (this.g.training) {
      this.g.updateBuffer(this.runningMean, r.runningMean!);
      this.g.updateBuffer(this.runningVar, r.runningVar!);
    }
    return r.y;
  }
}
