/**
 * The VQ-VAE's convolutional encoder and decoder (van den Oord et al. 2017, at miniature size). Images arrive as
 * the image column stores them, flat [batch, height * width * channels] in HWC order with values in [0, 1]; the
 * encoder's two stride-2 convolutions give a grid of height/4 x width/4 vectors of `codeDim` values, returned
 * flat as [batch * gridHeight * gridWidth, codeDim] in row-major grid order (image after image). The decoder
 * mirrors it with transposed convolutions and a sigmoid, back to flat pixels in [0, 1].
 *
 *   encoder: conv 4x4/2 (C -> w1), ReLU, conv 4x4/2 (w1 -> w2), ReLU, residual block, ReLU, conv 1x1 (w2 -> D)
 *   decoder: conv 3x3 (D -> w2), residual block, ReLU, convT 4x4/2 (w2 -> w1), ReLU, convT 4x4/2 (w1 -> C), sigmoid
 *   residual block: h + conv1x1(ReLU(conv3x3(ReLU(h))))   (the paper's, one per side; hidden width w2 / 2)
 */
import { UsageError } from '../common/errors.js';
import type { Graph, Value } from '../engine/graph.js';
import { init } from '../engine/init.js';
import { Conv2d } from '../engine/nn/index.js';
import { add, convTranspose2d, relu, reshape, sigmoid, sub, transpose } from '../engine/ops/index.js';
import type { ImageShape } from '../io/images.js';

export interface VqSpec {
  /** The images the model takes. */
  input: ImageShape;
  /** Channels after the encoder's first and second convolution (the decoder mirrors them). */
  widths: [number, number];
  /** D: values per code vector. */
  codeDim: number;
  /** K: code vectors in the codebook. */
  codebookSize: number;
}

export const VQ_DEFAULT_WIDTHS: [number, number] = [32, 64];
export const VQ_DEFAULT_CODE_DIM = 32;
export const VQ_DEFAULT_CODEBOOK_SIZE = 128;
/** Each stride-2 convolution halves the image. */
export const DOWNSAMPLING = 4;

/** The name of the image input and of the decoder's output. */
export const IMAGE = 'image';

export interface Grid {
  height: number;
  width: number;
}

export function gridOf(shape: ImageShape): Grid {
  if (shape.height % DOWNSAMPLING || shape.width % DOWNSAMPLING) {
    throw new UsageError(`vq: image size ${shape.height}x${shape.width} must be divisible by ${DOWNSAMPLING} (two stride-2 convolutions)`);
  }
  return { height: shape.height / DOWNSAMPLING, width: shape.width / DOWNSAMPLING };
}

export const pixelsOf = (s: ImageShape): number => s.height * s.width * s.channels;

/** Creates every convolution's parameters on construction, in one fixed order, so that names match across graphs. */
export class VqNetwork {
  readonly grid: Grid;
  private readonly enc: { down1: Conv2d; down2: Conv2d; res: Residual; project: Conv2d };
  private readonly dec: { lift: Conv2d; res: Residual; up1: ConvTranspose; up2: ConvTranspose };

  constructor(
    g: Graph,
    readonly spec: VqSpec,
  ) {
    this.grid = gridOf(spec.input);
    const [w1, w2] = spec.widths;
    const { channels: c } = spec.input;
    const D = spec.codeDim;
    this.enc = {
      down1: new Conv2d(g, 'encoder.down1', c, w1, 4, { stride: 2, padding: 1 }),
      down2: new Conv2d(g, 'encoder.down2', w1, w2, 4, { stride: 2, padding: 1 }),
      res: new Residual(g, 'encoder.res', w2),
      project: new Conv2d(g, 'encoder.project', w2, D, 1),
    };
    this.dec = {
      lift: new Conv2d(g, 'decoder.lift', D, w2, 3, { padding: 1 }),
      res: new Residual(g, 'decoder.res', w2),
      up1: new ConvTranspose(g, 'decoder.up1', w2, w1),
      up2: new ConvTranspose(g, 'decoder.up2', w1, c),
    };
  }

  /** Flat pixels [batch, H*W*C] to the grid's vectors [batch * h * w, D]. */
  encode(pixels: Value): Value {
    const { height: H, width: W, channels: C } = this.spec.input;
    // Centring the [0, 1] pixels keeps the first layer's He initialisation balanced.
    const x = transpose(reshape(sub(pixels, 0.5), [-1, H, W, C]), [0, 3, 1, 2]);
    let h = relu(this.enc.down1.apply(x));
    h = relu(this.enc.down2.apply(h));
    h = relu(this.enc.res.apply(h));
    const z = this.enc.project.apply(h);
    return reshape(transpose(z, [0, 2, 3, 1]), [-1, this.spec.codeDim]);
  }

  /** Grid vectors [batch * h * w, D] (row-major per image) to flat pixels [batch, H*W*C] in [0, 1]. */
  decode(vectors: Value): Value {
    const { height: H, width: W, channels: C } = this.spec.input;
    const { height: h, width: w } = this.grid;
    const grid = transpose(reshape(vectors, [-1, h, w, this.spec.codeDim]), [0, 3, 1, 2]);
    let y = this.dec.lift.apply(grid);
    y = relu(this.dec.res.apply(y));
    y = relu(this.dec.up1.apply(y));
    y = sigmoid(this.dec.up2.apply(y));
    return reshape(transpose(y, [0, 2, 3, 1]), [-1, H * W * C]);
  }
}

/** h + conv1x1(ReLU(conv3x3(ReLU(h)))), channels unchanged. */
class Residual {
  private readonly conv3: Conv2d;
  private readonly conv1: Conv2d;

  constructor(g: Graph, name: string, channels: number) {
    // Half-width hidden layer, as the paper's residual stacks have fewer hidden channels than the trunk: it
    // halves the cost of the two 8x8 blocks, the largest share of a step.
    const hidden = Math.max(1, channels >> 1);
    this.conv3 = new Conv2d(g, `${name}.conv3`, channels, hidden, 3, { padding: 1 });
    this.conv1 = new Conv2d(g, `${name}.conv1`, hidden, channels, 1);
  }

  apply(h: Value): Value {
    return add(h, this.conv1.apply(relu(this.conv3.apply(relu(h)))));
  }
}

/** A 4x4 stride-2 transposed convolution that doubles the height and width; weight [in, out, 4, 4]. */
class ConvTranspose {
  private readonly weight: Value;
  private readonly bias: Value;

  constructor(g: Graph, name: string, inChannels: number, outChannels: number) {
    // Each output pixel sums in * 4 * 4 / (2 * 2) products: that is the fan-in He's rule needs.
    this.weight = g.param(`${name}.weight`, [inChannels, outChannels, 4, 4], init.heNormal(inChannels * 4));
    this.bias = g.param(`${name}.bias`, [outChannels], init.zeros(), { decay: false });
  }

  apply(x: Value): Value {
    return convTranspose2d(x, this.weight, this.bias, { stride: 2, padding: 1 });
  }
}
