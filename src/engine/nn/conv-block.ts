import type { Graph, Value } from '../graph.js';
import { init } from '../init.js';
import { conv2d, type Conv2dOptions } from '../ops/index.js';
import { activate, type Activation } from './activation.js';
import { BatchNorm } from './norm.js';

/** A 2-D convolution layer; weight [out, in, k, k] with He initialisation. */
export class Conv2d {
  readonly weight: Value;
  readonly bias: Value | null;

  constructor(
    g: Graph,
    name: string,
    inChannels: number,
    outChannels: number,
    kernel: number,
    private readonly o: Omit<Conv2dOptions, 'groups'> & { bias?: boolean } = {},
  ) {
    this.weight = g.param(`${name}.weight`, [outChannels, inChannels, kernel, kernel], init.heNormal(inChannels * kernel * kernel));
    this.bias = o.bias === false ? null : g.param(`${name}.bias`, [outChannels], init.zeros(), { decay: false });
  }

  apply(x: Value): Value {
    return conv2d(x, this.weight, this.bias, this.o);
  }
}

export interface ConvBlockOptions {
  stride?: number;
  /** Defaults to kernel / 2 (same size at stride 1). */
  padding?: number;
  batchNorm?: boolean;
  activation?: Activation;
}

/** Convolution, optional batch norm, activation (ReLU by default). */
export class ConvBlock {
  readonly conv: Conv2d;
  readonly norm: BatchNorm | null;

  constructor(g: Graph, name: string, inChannels: number, outChannels: number, kernel: number, private readonly o: ConvBlockOptions = {}) {
    const bn = o.batchNorm ?? true;
    this.conv = new Conv2d(g, `${name}.conv`, inChannels, outChannels, kernel, {
      stride: o.stride ?? 1,
      padding: o.padding ?? Math.floor(kernel / 2),
      bias: !bn,
    });
    this.norm = bn ? new BatchNorm(g, `${name}.bn`, outChannels) : null;
  }

  apply(x: Value): Value {
    let h = this.conv.apply(x);
    if (this.norm) h = this.norm.apply(h);
    return activate(h, this.o.activation ?? 'relu');
  }
}
