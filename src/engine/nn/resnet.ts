import type { Graph, Value } from '../graph.js';
import { add, reduceMean } from '../ops/index.js';
import { activate, type Activation } from './activation.js';
import { ConvBlock } from './conv-block.js';
import { Linear } from './linear.js';

/** The basic residual block: two 3x3 conv + BN, a projection shortcut when the shape changes, ReLU after the sum. */
export class ResidualBlock {
  private readonly a: ConvBlock;
  private readonly b: ConvBlock;
  private readonly shortcut: ConvBlock | null;

  constructor(
    g: Graph,
    name: string,
    inChannels: number,
    outChannels: number,
    stride: number,
    private readonly activation: Activation = 'relu',
  ) {
    this.a = new ConvBlock(g, `${name}.a`, inChannels, outChannels, 3, { stride, activation });
    this.b = new ConvBlock(g, `${name}.b`, outChannels, outChannels, 3, { activation: 'none' });
    this.shortcut =
      stride !== 1 || inChannels !== outChannels
        ? new ConvBlock(g, `${name}.proj`, inChannels, outChannels, 1, { stride, padding: 0, activation: 'none' })
        : null;
  }

  apply(x: Value): Value {
    const skip = this.shortcut ? this.shortcut.apply(x) : x;
    return activate(add(this.b.apply(this.a.apply(x)), skip), this.activation);
  }
}

export interface ResNetOptions {
  inChannels: number;
  /** Channels per stage; every stage after the first halves the resolution. */
  widths?: readonly number[];
  blocksPerStage?: number;
  /** Output size of the final linear layer; 0 returns the pooled features. */
  outputs: number;
  /** Default ReLU. */
  activation?: Activation;
}

/** A small ResNet for NCHW images: 3x3 stem, residual stages, global average pooling, linear head. */
export class ResNet {
  private readonly stem: ConvBlock;
  private readonly blocks: ResidualBlock[] = [];
  private readonly head: Linear | null;
  readonly features: number;

  constructor(g: Graph, name: string, o: ResNetOptions) {
    const widths = o.widths ?? [16, 32, 64];
    this.stem = new ConvBlock(g, `${name}.stem`, o.inChannels, widths[0], 3, { activation: o.activation });
    let c = widths[0];
    widths.forEach((w, s) => {
      for (let b = 0; b < (o.blocksPerStage ?? 1); b++) {
        this.blocks.push(new ResidualBlock(g, `${name}.stage${s}.${b}`, c, w, b === 0 && s > 0 ? 2 : 1, o.activation));
        c = w;
      }
    });
    this.features = c;
    this.head = o.outputs > 0 ? new Linear(g, `${name}.head`, c, o.outputs, { init: 'xavier' }) : null;
  }

  apply(x: Value): Value {
    let h = this.stem.apply(x);
    for (const b of this.blocks) h = b.apply(h);
    const pooled = reduceMean(h, [2, 3]);
    return this.head ? this.head.apply(pooled) : pooled;
  }
}
