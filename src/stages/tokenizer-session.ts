/**
 * A trained image tokenizer (`causal train --task vq`) opened for use: images to tokens and code vectors with
 * model.onnx, tokens back to images with decoder.onnx, and tokens to code vectors from codebook.f32 without
 * running a graph. Used by `causal embed-images`, by training-time evaluation, and by stages that make images or
 * embeddings from tokens.
 *
 * The model directory holds, besides model.json and the checkpoint:
 *   model.onnx    image float32 [batch, H*W*C] -> tokens int64 [batch, h*w], embedding float32 [batch, h*w*D]
 *   decoder.onnx  tokens int64 [batch, h*w] -> image float32 [batch, H*W*C]
 *   codebook.f32  the K x D codebook, row after row, little-endian float32 (the same values as the graphs')
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DataError, UsageError } from '../common/errors.js';
import { createSession, ort, type RuntimeOptions } from '../engine/runtime.js';
import type { ImageShape } from '../io/images.js';
import { MODEL_JSON, TASKS, readModelCard, readModelOnnx } from '../io/model-dir.js';
import { EMBEDDING, TOKENS } from '../vq/graphs.js';
import { IMAGE, gridOf, pixelsOf, type Grid, type VqSpec } from '../vq/model.js';
import type { VqModelCard } from './train-vq.js';

export const DECODER_ONNX = 'decoder.onnx';
export const CODEBOOK_FILE = 'codebook.f32';
/** Images per graph run by default; memory stays bounded whatever the caller passes. */
export const TOKENIZER_BATCH = 256;

export interface TokenizerOptions extends RuntimeOptions {
  /** Images per graph run (default 256). */
  batchSize?: number;
}

export interface Tokenizer {
  readonly imageShape: ImageShape;
  readonly grid: Grid;
  /** D: values per code vector. */
  readonly codeDim: number;
  /** K: codes in the codebook; tokens lie in [0, K). */
  readonly codebookSize: number;
  /** The codebook, K x D row after row. */
  readonly codebook: Float32Array;
  /** n images (flat HWC, [0, 1]) to n x h*w tokens (row-major grid) and n x h*w*D code vectors (token-major). */
  encode(images: Float32Array, n: number): Promise<{ tokens: Int32Array; embeddings: Float32Array }>;
  /** n x h*w tokens to n images (flat HWC, [0, 1]). */
  decode(tokens: Int32Array, n: number): Promise<Float32Array>;
  /** The code vectors of any number of tokens: tokens.length x D values, from the codebook (no graph). */
  lookup(tokens: Int32Array): Float32Array;
  release(): Promise<void>;
}

export interface TokenizerParts {
  spec: VqSpec;
  encoder: Uint8Array;
  decoder: Uint8Array;
  codebook: Float32Array;
  /** Names the model in errors. */
  source: string;
}

/** Opens the tokenizer in `dir`; an error naming the file when the directory is not one. */
export async function openTokenizer(dir: string, runtime: TokenizerOptions = {}): Promise<Tokenizer & { card: VqModelCard }> {
  const card = await readModelCard<VqModelCard>(dir);
  if (card.task !== TASKS.vq) {
    throw new DataError(`${path.join(dir, MODEL_JSON)}: task '${card.task}' is not an image tokenizer; train one with \`causal train --task vq\``);
  }
  const spec = card.architecture;
  const decoderFile = path.join(dir, DECODER_ONNX);
  const decoder = await fs.readFile(decoderFile).catch(() => null);
  if (!decoder) throw new DataError(`${dir}: ${DECODER_ONNX} is missing`);
  const codebook = decodeCodebook(await fs.readFile(path.join(dir, CODEBOOK_FILE)).catch(() => null), spec, path.join(dir, CODEBOOK_FILE));
  const tokenizer = await tokenizerFrom({ spec, encoder: await readModelOnnx(dir), decoder, codebook, source: dir }, runtime);
  return Object.assign(tokenizer, { card });
}

/** A tokenizer from its parts in memory (training evaluates the model it is about to write this way). */
export async function tokenizerFrom(parts: TokenizerParts, runtime: TokenizerOptions = {}): Promise<Tokenizer> {
  const { spec, source } = parts;
  const chunk = runtime.batchSize ?? TOKENIZER_BATCH;
  const grid = gridOf(spec.input);
  const cells = grid.height * grid.width;
  const D = spec.codeDim;
  const K = spec.codebookSize;
  const P = pixelsOf(spec.input);
  const encoder = await createSession(parts.encoder, runtime);
  // Encoding alone (embed-images without --plot) never pays for the decoder's session.
  let decoder: Promise<ort.InferenceSession> | null = null;

  return {
    imageShape: { ...spec.input },
    grid,
    codeDim: D,
    codebookSize: K,
    codebook: parts.codebook,
    async encode(images, n) {
      if (images.length < n * P) throw new UsageError(`tokenizer ${source}: ${n} images need ${n * P} values, got ${images.length}`);
      const tokens = new Int32Array(n * cells);
      const embeddings = new Float32Array(n * cells * D);
      for (let start = 0; start < n; start += chunk) {
        const m = Math.min(chunk, n - start);
        const x = new ort.Tensor('float32', images.subarray(start * P, (start + m) * P), [m, P]);
        const out = await encoder.run({ [IMAGE]: x });
        const t = out[TOKENS].data as BigInt64Array;
        for (let i = 0; i < t.length; i++) tokens[start * cells + i] = Number(t[i]);
        embeddings.set(out[EMBEDDING].data as Float32Array, start * cells * D);
      }
      return { tokens, embeddings };
    },
    async decode(tokens, n) {
      if (tokens.length !== n * cells) throw new UsageError(`tokenizer ${source}: ${n} images need ${n * cells} tokens (${grid.height}x${grid.width} each), got ${tokens.length}`);
      checkTokens(tokens, K, source);
      decoder ??= createSession(parts.decoder, runtime);
      const session = await decoder;
      const images = new Float32Array(n * P);
      for (let start = 0; start < n; start += chunk) {
        const m = Math.min(chunk, n - start);
        const ids = BigInt64Array.from(tokens.subarray(start * cells, (start + m) * cells), (v) => BigInt(v));
        const out = await session.run({ [TOKENS]: new ort.Tensor('int64', ids, [m, cells]) });
        images.set(out[IMAGE].data as Float32Array, start * P);
      }
      return images;
    },
    lookup(tokens) {
      checkTokens(tokens, K, source);
      const out = new Float32Array(tokens.length * D);
      for (let i = 0; i < tokens.length; i++) out.set(parts.codebook.subarray(tokens[i] * D, (tokens[i] + 1) * D), i * D);
      return out;
    },
    async release() {
      await encoder.release();
      if (decoder) await (await decoder).release();
    },
  };
}

function checkTokens(tokens: Int32Array, K: number, source: string): void {
  for (let i = 0; i < tokens.length; i++) {
    if (!(tokens[i] >= 0 && tokens[i] < K)) throw new DataError(`tokenizer ${source}: token ${tokens[i]} at position ${i} is outside the codebook [0, ${K - 1}]`);
  }
}

export function encodeCodebook(codebook: Float32Array): Uint8Array {
  const out = new Uint8Array(codebook.length * 4);
  const view = new DataView(out.buffer);
  codebook.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

function decodeCodebook(bytes: Uint8Array | null, spec: VqSpec, file: string): Float32Array {
  if (!bytes) throw new DataError(`${file} is missing`);
  const n = spec.codebookSize * spec.codeDim;
  if (bytes.length !== n * 4) throw new DataError(`${file}: ${bytes.length} bytes, expected ${n * 4} (${spec.codebookSize} x ${spec.codeDim} float32)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: n }, (_, i) => view.getFloat32(i * 4, true));
}
