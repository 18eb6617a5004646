/**
 * The VQ-VAE's graphs: the train step's model (encoder, quantiser with straight-through gradient, decoder,
 * loss, EMA codebook update) and the two inference graphs exported into a model directory, the encoder
 * (image -> tokens and their code vectors) and the decoder (tokens -> image).
 */
import type { Rng } from '../common/random.js';
import type { Graph, Value } from '../engine/graph.js';
import { reshape, stopGradient } from '../engine/ops/index.js';
import type { ModelOutputs } from '../engine/train-step.js';
import { emaBuffers, emaUpdate, type EmaConfig } from './ema.js';
import { vqLoss } from './loss.js';
import { IMAGE, pixelsOf, VqNetwork, type VqSpec } from './model.js';
import { codebookBuffer, lookup, nearestCodes, straightThrough } from './quantizer.js';
import { usageFromCounts } from './usage.js';

/** The train step's extra input: for every code, the row of the batch's encoder vectors it restarts at if dead. */
export const RESTART_ROWS = 'restart_rows';
export const TOKENS = 'tokens';
export const EMBEDDING = 'embedding';

export interface VqTraining extends EmaConfig {
  /** beta: weight of the commitment term. */
  commitment: number;
}

/** The train step's model; metrics: reconstruction, commitment, perplexity and codes_used of the batch, restarts. */
export function vqTrainingModel(spec: VqSpec, o: VqTraining): (g: Graph) => ModelOutputs {
  return (g) => {
    const x = g.input(IMAGE, 'float32', ['batch', pixelsOf(spec.input)]);
    const restartRows = g.input(RESTART_ROWS, 'int64', [spec.codebookSize]);
    const net = new VqNetwork(g, spec);
    const codebook = codebookBuffer(g, spec.codebookSize, spec.codeDim);
    const stats = emaBuffers(g, spec.codebookSize, spec.codeDim);
    const z = net.encode(x);
    const codes = nearestCodes(stopGradient(z), codebook);
    const q = lookup(codebook, codes);
    const reconstruction = net.decode(straightThrough(z, q));
    const loss = vqLoss(x, reconstruction, z, q, o.commitment);
    const ema = emaUpdate(codebook, stats.clusterSize, stats.clusterSum, stopGradient(z), codes, restartRows, o);
    g.updateBuffer(codebook, ema.codebook);
    g.updateBuffer(stats.clusterSize, ema.clusterSize);
    g.updateBuffer(stats.clusterSum, ema.clusterSum);
    const usage = usageFromCounts(ema.counts);
    return {
      loss: loss.loss,
      metrics: {
        reconstruction: loss.reconstruction,
        commitment: loss.commitment,
        perplexity: usage.perplexity,
        codes_used: usage.codesUsed,
        restarts: ema.restarts,
      },
    };
  };
}

/** model.onnx: image [batch, H*W*C] -> tokens int64 [batch, h*w] and embedding float32 [batch, h*w*D]. */
export function encoderInference(spec: VqSpec): (g: Graph) => Record<string, Value> {
  return (g) => {
    const x = g.input(IMAGE, 'float32', ['batch', pixelsOf(spec.input)]);
    const net = new VqNetwork(g, spec);
    const codebook = codebookBuffer(g, spec.codebookSize, spec.codeDim);
    const cells = net.grid.height * net.grid.width;
    const codes = nearestCodes(net.encode(x), codebook);
    return {
      [TOKENS]: reshape(codes, [-1, cells]),
      [EMBEDDING]: reshape(lookup(codebook, codes), [-1, cells * spec.codeDim]),
    };
  };
}

/** decoder.onnx: tokens int64 [batch, h*w] -> image float32 [batch, H*W*C] in [0, 1]. */
export function decoderInference(spec: VqSpec): (g: Graph) => Record<string, Value> {
  return (g) => {
    const net = new VqNetwork(g, spec);
    const tokens = g.input(TOKENS, 'int64', ['batch', net.grid.height * net.grid.width]);
    const codebook = codebookBuffer(g, spec.codebookSize, spec.codeDim);
    return { [IMAGE]: net.decode(lookup(codebook, reshape(tokens, [-1]))) };
  };
}

/**
 * The restart rows of one step: K distinct rows of the N encoder vectors (with repeats only when N < K), from
 * the step's own stream so that a resumed run draws the same ones.
 */
export function restartRows(rng: Rng, vectors: number, codebookSize: number, out: BigInt64Array): void {
  if (vectors >= codebookSize) {
    // A partial Fisher-Yates shuffle: the first K places of a uniform permutation.
    const perm = Int32Array.from({ length: vectors }, (_, i) => i);
    for (let i = 0; i < codebookSize; i++) {
      const j = i + rng.int(vectors - i);
      [perm[i], perm[j]] = [perm[j], perm[i]];
      out[i] = BigInt(perm[i]);
    }
  } else {
    for (let i = 0; i < codebookSize; i++) out[i] = BigInt(rng.int(vectors));
  }
}
