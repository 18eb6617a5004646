/**
 * `causal caption`: captions for every row of an image-token table from a trained captioner (task
 * image-captioning), decoded greedily or by beam search (src/vlm/decode.ts) with model.onnx run once per decoding
 * step on a batch of rows. Every input column passes through and the caption is appended as Utf8 (replacing a
 * column of the same name). Optionally an HTML report of the first rows: image, caption, references.
 */
import path from 'node:path';
import { Field, type RecordBatch, Schema, Utf8, type Vector } from 'apache-arrow';
import { DataError, UsageError } from '../common/errors.js';
import { createSession, ort, type RuntimeOptions } from '../engine/runtime.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { type Provenance, provenanceMetadata } from '../io/batch.js';
import { IMAGE, batchOf, imageShapeOf, utf8Data } from '../io/images.js';
import { imageGridPng } from '../io/png.js';
import { MODEL_JSON, TASKS, readModelCard, readModelOnnx } from '../io/model-dir.js';
import { beamSearch, greedy, type NextWordScorer } from '../vlm/decode.js';
import { NAMES } from '../vlm/model.js';
import { captionReport, type ReportRow } from '../vlm/report.js';
import { readCaptionTable, tokenCount, type CaptionTable } from '../vlm/table.js';
import { BOS, Vocabulary } from '../vlm/vocabulary.js';
import type { VlmModelCard } from './train-vlm.js';

export interface CaptionOptions {
  /** 1: greedy decoding. */
  beam: number;
  /** Words at most (default: the model's --max-length, which is also the most it can take). */
  maxLength?: number;
  /** Rows decoded together (each with `beam` hypotheses). */
  batchSize: number;
  /** The output column. */
  column: string;
  /** Rows in the report (when one is asked for). */
  reportRows: number;
  report: boolean;
  provenance: Provenance;
}

export interface CaptionMetrics {
  rows: number;
  beam: number;
  max_length: number;
  /** Mean words per caption. */
  mean_words: number;
  distinct_captions: number;
  seconds: number;
}

export interface Captioned {
  schema: Schema;
  batches: RecordBatch[];
  metrics: CaptionMetrics;
  /** The HTML report, when asked for. */
  report: string | null;
}

export async function caption(input: ArrowInput, dir: string, runtime: RuntimeOptions, o: CaptionOptions): Promise<Captioned> {
  const card = await readModelCard<VlmModelCard>(dir);
  if (card.task !== TASKS.captioning) {
    throw new DataError(`${path.join(dir, MODEL_JSON)}: task '${card.task}' is not a captioner (train one with \`causal train-vlm\`)`);
  }
  const spec = card.architecture;
  const maxLength = o.maxLength ?? spec.maxLength;
  if (maxLength > spec.maxLength) throw new UsageError(`--max-length ${maxLength}: the model in ${dir} has positions for ${spec.maxLength} words at most`);
  const table = await readCaptionTable(input, { requireCaptions: false });
  const g = table.grid;
  const want = card.input.grid;
  if (g.height !== want.height || g.width !== want.width || g.dim !== want.dim) {
    throw new DataError(`${table.source}: embeddings are ${g.height}x${g.width} tokens of ${g.dim} but the model in ${dir} takes ${want.height}x${want.width} tokens of ${want.dim}`);
  }
  const vocabulary = new Vocabulary(card.vocabulary);
  const started = performance.now();
  const session = await createSession(await readModelOnnx(dir), runtime);
  const captions: string[] = [];
  try {
    for (let from = 0; from < table.rows; from += o.batchSize) {
      const count = Math.min(o.batchSize, table.rows - from);
      const score = scorer(session, table, from, vocabulary.size);
      const decode = { vocabulary: vocabulary.size, maxLength };
      const words = o.beam === 1 ? await greedy(count, score, decode) : (await beamSearch(count, score, { ...decode, beam: o.beam })).map((r) => r.words);
      for (const w of words) captions.push(vocabulary.decode(w));
    }
  } finally {
    await session.release();
  }

  const metrics: CaptionMetrics = {
    rows: table.rows,
    beam: o.beam,
    max_length: maxLength,
    mean_words: captions.reduce((n, c) => n + (c ? c.split(' ').length : 0), 0) / table.rows,
    distinct_captions: new Set(captions).size,
    seconds: (performance.now() - started) / 1000,
  };
  const kept = table.schema.fields.map((f, i) => [f, i] as const).filter(([f]) => f.name !== o.column);
  const schema = new Schema([...kept.map(([f]) => f), new Field(o.column, new Utf8(), false)], provenanceMetadata(o.provenance, metrics));
  const batches: RecordBatch[] = [];
  let start = 0;
  for (const b of table.batches) {
    const children = b.data.children;
    batches.push(batchOf(schema, [...kept.map(([, i]) => children[i]), utf8Data(captions.slice(start, start + b.numRows))]));
    start += b.numRows;
  }
  const report = o.report ? reportOf(table, captions, o, dir, maxLength) : null;
  return { schema, batches, metrics, report };
}

/**
 * Next-word log-probabilities for prefixes of rows from..from+count-1 (image i is row from + i): the prefixes,
 * after <bos>, and the rows' embeddings go through model.onnx, and the last position's logits are normalised.
 */
function scorer(session: ort.InferenceSession, table: CaptionTable, from: number, V: number): NextWordScorer {
  const size = tokenCount(table.grid) * table.grid.dim;
  return async (images, prefixes) => {
    const n = prefixes.length;
    const length = prefixes[0].length + 1;
    const x = new Float32Array(n * size);
    const tokens = new BigInt64Array(n * length);
    prefixes.forEach((p, k) => {
      const row = from + images[k];
      x.set(table.embeddings.subarray(row * size, (row + 1) * size), k * size);
      tokens[k * length] = BigInt(BOS);
      p.forEach((w, j) => (tokens[k * length + j + 1] = BigInt(w)));
    });
    const out = await session.run({
      [NAMES.embedding]: new ort.Tensor('float32', x, [n, size]),
      [NAMES.tokens]: new ort.Tensor('int64', tokens, [n, length]),
    });
    const logits = out[NAMES.logits].data as Float32Array;
    const logp = new Float32Array(n * V);
    for (let k = 0; k < n; k++) {
      const at = (k * length + length - 1) * V;
      let max = -Infinity;
      for (let w = 0; w < V; w++) max = Math.max(max, logits[at + w]);
      let sum = 0;
      for (let w = 0; w < V; w++) sum += Math.exp(logits[at + w] - max);
      const norm = max + Math.log(sum);
      for (let w = 0; w < V; w++) logp[k * V + w] = logits[at + w] - norm;
    }
    return logp;
  };
}

function reportOf(table: CaptionTable, captions: string[], o: CaptionOptions, dir: string, maxLength: number): string {
  const n = Math.min(o.reportRows, table.rows);
  const imageField = table.schema.fields.find((f) => f.name === 'image' && IMAGE.accepts(f.type));
  const shape = imageField ? imageShapeOf(table.source, imageField) : null;
  const idField = table.schema.fields.find((f) => f.name === 'id');
  const rows: ReportRow[] = [];
  for (const b of table.batches) {
    const images = shape ? (b.getChild('image') as Vector) : null;
    const ids = idField ? (b.getChild('id') as Vector) : null;
    for (let i = 0; i < b.numRows && rows.length < n; i++) {
      const r = rows.length;
      const pixels = images?.get(i) as Vector | null | undefined;
      rows.push({
        id: ids ? String(ids.get(i)) : null,
        png: shape && pixels ? imageGridPng([[Float32Array.from(pixels.toArray() as ArrayLike<number>)]], shape) : null,
        caption: captions[r],
        references: table.references?.[r] ?? [],
      });
    }
    if (rows.length >= n) break;
  }
  const decoding = o.beam === 1 ? 'greedy decoding' : `beam search, beam ${o.beam}`;
  const notes = [`Model ${dir}, ${decoding}, at most ${maxLength} words. The first ${n} of ${table.rows} rows of ${table.source}.`];
  return captionReport('causal caption', rows, notes);
}
