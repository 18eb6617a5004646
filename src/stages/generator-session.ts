/**
 * A trained text-to-image-token generator (`causal train --task t2i`, task text-to-image-tokens) opened for
 * sampling: captions in, token grids out, by MaskGIT decoding (src/t2i/sample.ts) with classifier-free guidance.
 * The conditional and unconditional passes of a step run as one batch through model.onnx. Used by
 * `causal synth-embeddings` and `causal synth`, which turn the tokens into embeddings or pixels with the tokenizer
 * the generator was trained on (given separately: the model directory records its grid and codebook size only).
 */
import path from 'node:path';
import { DataError } from '../common/errors.js';
import { rngFor } from '../common/random.js';
import { createSession, ort, type RuntimeOptions } from '../engine/runtime.js';
import { MODEL_JSON, TASKS, readModelCard, readModelOnnx } from '../io/model-dir.js';
import { writeCaption } from '../t2i/captions.js';
import { captionLengthOf, NAMES, positionsOf } from '../t2i/model.js';
import { DECODING_DEFAULTS, decodeMaskGit, type Decoding } from '../t2i/sample.js';
import { Vocabulary } from '../vlm/vocabulary.js';
import type { T2iModelCard } from './train-t2i.js';

export interface SampleOptions extends Decoding {
  seed: number;
}

export const SAMPLE_DEFAULTS: SampleOptions = { ...DECODING_DEFAULTS, seed: 0 };

/** Captions per decoding batch by default (each takes two rows of the graph with guidance). */
export const GENERATOR_BATCH = 64;

export interface Generator {
  readonly grid: { height: number; width: number };
  /** K: the codes lie in [0, K). */
  readonly codebookSize: number;
  readonly card: T2iModelCard;
  /**
   * Token grids [rows.length * H * W], row-major, one per caption. Row i's randomness comes from
   * rngFor(seed, rows[i].id), so results do not depend on batching or order (rows with the same id and caption
   * get the same grid).
   */
  sample(rows: readonly { id: string; caption: string }[], o: SampleOptions): Promise<Int32Array>;
  release(): Promise<void>;
}

export async function openGenerator(dir: string, runtime: RuntimeOptions & { batchSize?: number } = {}): Promise<Generator> {
  const card = await readModelCard<T2iModelCard>(dir);
  if (card.task !== TASKS.t2i) {
    throw new DataError(`${path.join(dir, MODEL_JSON)}: task '${card.task}' is not a text-to-image-token generator; train one with \`causal train --task t2i\``);
  }
  const spec = card.architecture;
  const vocabulary = new Vocabulary(card.vocabulary);
  const session = await createSession(await readModelOnnx(dir), runtime);
  const chunk = runtime.batchSize ?? GENERATOR_BATCH;
  const n = positionsOf(spec);
  const K = spec.codebookSize;
  const L = captionLengthOf(spec);

  /** Logits of m grids under their captions (rows 0..m-1 of the feed) and, when asked, the dropped caption (rows m..2m-1). */
  const scorer = (captions: BigInt64Array) => async (grids: Int32Array, m: number, unconditional: boolean) => {
    const rows = unconditional ? 2 * m : m;
    const ids = new BigInt64Array(rows * n);
    for (let i = 0; i < m * n; i++) ids[i] = BigInt(grids[i]);
    if (unconditional) ids.copyWithin(m * n, 0, m * n);
    const feeds = {
      [NAMES.tokens]: new ort.Tensor('int64', ids, [rows, n]),
      [NAMES.caption]: new ort.Tensor('int64', captions.subarray(0, rows * L), [rows, L]),
    };
    const logits = (await session.run(feeds))[NAMES.logits].data as Float32Array;
    return { cond: logits.subarray(0, m * n * K), uncond: unconditional ? logits.subarray(m * n * K) : null };
  };

  return {
    grid: { ...spec.grid },
    codebookSize: K,
    card,
    async sample(rows, o) {
      const out = new Int32Array(rows.length * n);
      for (let from = 0; from < rows.length; from += chunk) {
        const part = rows.slice(from, from + chunk);
        const m = part.length;
        // every caption padded to the encoder's full length, so that a row's inputs never depend on its batch
        const captions = new BigInt64Array(2 * m * L);
        part.forEach((r, i) => {
          writeCaption(captions, i, vocabulary.encode(r.caption), spec.maxLength);
          writeCaption(captions, m + i, null, spec.maxLength);
        });
        const rngs = part.map((r) => rngFor(o.seed, r.id));
        out.set(await decodeMaskGit(rngs, n, K, scorer(captions), o), from * n);
      }
      return out;
    },
    release: () => session.release(),
  };
}
