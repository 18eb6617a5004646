/**
 * Image classifiers built on the engine's layers: each maps flat images [batch, height * width * channels]
 * (pixels in height, width, channel order, as the image columns store them) to an embedding and class logits.
 * Inputs are standardised inside the graph with the training set's pixel mean and deviation, so an exported
 * model takes the same raw pixels as the Arrow column.
 */
import { UsageError } from '../common/errors.js';
import { Graph, type Value } from '../engine/graph.js';
import { ConvBlock, Linear, ResNet } from '../engine/nn/index.js';
import { div, dropout, maxPool2d, relu, reshape, sub, transpose } from '../engine/ops/index.js';

export const ARCHITECTURES = ['mlp', 'cnn', 'resnet'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

/** What an encoder needs; a classifier adds the classes. */
export type EncoderSpec = Omit<ClassifierSpec, 'classes' | 'dropout'>;

export interface ClassifierSpec {
  architecture: Architecture;
  input: ImageShape;
  classes: number;
  /** Hidden sizes of the MLP (default 512, 256). */
  hidden?: number[];
  /** Channels of the CNN's two conv blocks, or the ResNet's stages. */
  widths?: number[];
  /** Dropout before the head (training graphs only). */
  dropout?: number;
  /** Pixel standardisation: (x - mean) / std. */
  mean: number;
  std: number;
}

export interface ClassifierOutputs {
  embedding: Value;
  logits: Value;
}

export const DEFAULT_HIDDEN = [512, 256];
export const DEFAULT_CNN_WIDTHS = [32, 64];
export const DEFAULT_RESNET_WIDTHS = [16, 32, 64];
/** Width of the CNN's hidden dense layer (its embedding). */
const CNN_DENSE = 128;

/** The image input of every classifier graph. */
export const IMAGE_INPUT = 'image';

export function imageInput(g: Graph, s: ClassifierSpec): Value {
  return g.input(IMAGE_INPUT, 'float32', ['batch', s.input.height * s.input.width * s.input.channels]);
}

/**
 * The feature extractor without any dense head: the mlp's last hidden layer, the cnn's flattened conv blocks
 * ([batch, widths[-1] * h/4 * w/4]), the resnet's pooled features. Self-supervised objectives use this as their
 * representation and put their projection MLP on it, following SimCLR's convention (the representation is the
 * encoder output before the MLP head); classifiers add the cnn's dense layer first (`buildEncoder`).
 */
export function buildTrunk(g: Graph, s: EncoderSpec, pixels: Value): Value {
  const x = div(sub(pixels, s.mean), s.std);
  const { height: h, width: w, channels: c } = s.input;
  const nchw = (): Value => (c === 1 ? reshape(x, [-1, 1, h, w]) : transpose(reshape(x, [-1, h, w, c]), [0, 3, 1, 2]));
  switch (s.architecture) {
    case 'mlp': {
      const sizes = [h * w * c, ...(s.hidden ?? DEFAULT_HIDDEN)];
      let features = x;
      for (let i = 1; i < sizes.length; i++) features = relu(new Linear(g, `mlp.${i - 1}`, sizes[i - 1], sizes[i]).apply(features));
      return features;
    }
    case 'cnn': {
      const widths = s.widths ?? DEFAULT_CNN_WIDTHS;
      if (h % 2 ** widths.length || w % 2 ** widths.length) {
        throw new UsageError(`cnn: image size ${h}x${w} must be divisible by ${2 ** widths.length} (one 2x2 pooling per block)`);
      }
      let f = nchw();
      let inC = c;
      widths.forEach((outC, i) => {
        f = maxPool2d(new ConvBlock(g, `cnn.conv${i}`, inC, outC, 3).apply(f), 2);
        inC = outC;
      });
      return reshape(f, [-1, inC * (h / 2 ** widths.length) * (w / 2 ** widths.length)]);
    }
    case 'resnet':
      return new ResNet(g, 'resnet', { inChannels: c, widths: s.widths ?? DEFAULT_RESNET_WIDTHS, outputs: 0 }).apply(nchw());
  }
}

/** A classifier's features, before its head: the trunk, and for the cnn its dense layer. */
export function buildEncoder(g: Graph, s: EncoderSpec, pixels: Value): Value {
  const trunk = buildTrunk(g, s, pixels);
  if (s.architecture !== 'cnn') return trunk;
  return relu(new Linear(g, 'cnn.dense', trunk.shape[1] as number, CNN_DENSE).apply(trunk));
}

export function buildClassifier(g: Graph, s: ClassifierSpec, pixels: Value): ClassifierOutputs {
  const embedding = buildEncoder(g, s, pixels);
  const features = embedding.shape[1] as number;
  const head = new Linear(g, 'head', features, s.classes, { init: 'xavier' });
  const logits = head.apply(s.dropout ? dropout(embedding, s.dropout) : embedding);
  return { embedding, logits };
}
