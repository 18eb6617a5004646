/**
 * `causal synth`: `generate-captions` then `synth-embeddings` in one streaming stage (docs/synth.md). Captions
 * come from the caption generator in chunks of `batchSize` rows, each chunk becomes one record batch of the caption
 * table, and that batch goes through the synth-embeddings route at once, so the first rows reach the reader
 * (`causal train-vlm`) while later captions are still being written and memory stays flat whatever --count.
 * The rows are those of `generate-captions --seed S | synth-embeddings --seed S`.
 */
import { Schema } from 'apache-arrow';
import type { CaptionBackend } from '../captions/backend.js';
import { type BalanceOptions, conceptSchedule } from '../captions/balance.js';
import { type CaptionRow, CaptionGenerator, type GenerateOptions, type Rejection } from '../captions/generate.js';
import { type CaptionStatistics, CaptionStats } from '../captions/stats.js';
import { CAPTION_FIELDS, captionBatch } from './generate-captions.js';
import type { Generator } from './generator-session.js';
import { type SynthEmbeddingsOptions, type SynthRun, synthEmbeddings } from './synth-embeddings.js';
import type { Tokenizer } from './tokenizer-session.js';

export interface SynthCaptionOptions extends Omit<GenerateOptions, 'schedule'>, Omit<BalanceOptions, 'seed'> {
  readonly concepts: readonly string[];
}

export interface SynthOptions extends Omit<SynthEmbeddingsOptions, 'captionColumn'> {
  readonly captions: SynthCaptionOptions;
}

/** The caption statistics of generate-captions (docs/generate-captions.md), for the rows produced so far. */
export interface SynthCaptionMetrics extends CaptionStatistics {
  readonly rejections: Readonly<Record<Rejection, number>>;
  readonly duplicates_kept: number;
  readonly requests: number;
  readonly retries: Readonly<Record<string, number>>;
}

export interface SynthStageRun extends SynthRun {
  captionMetrics(): SynthCaptionMetrics;
}

/** The caption generator's seed is the sampling seed: one --seed decides captions, tokens and renders. */
export function synth(backend: CaptionBackend, tok: Tokenizer, gen: Generator | null, o: SynthOptions): SynthStageRun {
  const c = o.captions;
  const seed = o.sample.seed;
  const generator = new CaptionGenerator(backend, { ...c, schedule: conceptSchedule(c.concepts, { ...c, seed }) });
  const stats = new CaptionStats(c.concepts);

  async function* captionBatches(): AsyncGenerator<ReturnType<typeof captionBatch>> {
    let chunk: CaptionRow[] = [];
    for await (const row of generator.rows([])) {
      chunk.push(row);
      stats.add(row.caption, row.concept);
      if (chunk.length === o.batchSize) {
        yield captionBatch(chunk, new Map());
        chunk = [];
      }
    }
    if (chunk.length > 0) yield captionBatch(chunk, new Map());
  }

  const input = { name: 'generate-captions', schema: new Schema(CAPTION_FIELDS), batches: captionBatches() };
  const run = synthEmbeddings(input, tok, gen, { ...o, captionColumn: 'caption' });
  return {
    ...run,
    captionMetrics() {
      const counters = backend.counters();
      return {
        ...stats.summary(),
        rejections: { ...generator.rejections },
        duplicates_kept: generator.duplicatesKept,
        requests: counters.requests,
        retries: counters.retries,
      };
    },
  };
}
