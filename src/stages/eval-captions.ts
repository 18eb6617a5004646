import { Float64, Int32, type RecordBatch, Utf8, type Vector } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { type ColumnSpec, type Provenance, makeBatch, provenanceMetadata } from '../io/batch.js';
import { UTF8, UTF8_LIST, column, optionalColumn, requireColumn, type ColumnType } from '../io/columns.js';
import { bleu } from '../metrics/captions/bleu.js';
import { ciderD } from '../metrics/captions/cider-d.js';
import type { CaptionMetric } from '../metrics/captions/names.js';
import { rougeL } from '../metrics/captions/rouge-l.js';
import { sceneObjects } from '../metrics/captions/scene-objects.js';

/** A row's references: a list, or one caption (a synthetic caption scored as the prompt of its image, say). */
const REFERENCES: ColumnType = { describe: 'List<Utf8> or Utf8', accepts: (t) => UTF8_LIST.accepts(t) || UTF8.accepts(t) };

export interface CaptionColumns {
  /** One candidate caption per row (Utf8). */
  readonly candidates: string;
  /** The reference captions of the row's image (List<Utf8>, at least one; or Utf8, one). */
  readonly references: string;
}

/** Set-level scores as `causal.metrics` and --json carry them; only the requested metrics appear. */
export interface CaptionMetrics {
  readonly images: number;
  readonly references: number;
  /** CIDEr-D on coco-caption's x10 scale (papers print x100). */
  readonly cider?: number;
  readonly bleu_1?: number;
  readonly bleu_2?: number;
  readonly bleu_3?: number;
  readonly bleu_4?: number;
  /** Candidate tokens and closest-reference tokens summed over the set: BLEU's brevity inputs. */
  readonly bleu_test_length?: number;
  readonly bleu_reference_length?: number;
  readonly rouge_l?: number;
  /** --metric objects (src/metrics/captions/scene-objects.ts): scene-grammar candidates, object counts, recalls, exact sets. */
  readonly objects_parsed?: number;
  readonly objects_count?: number;
  readonly objects_colour?: number;
  readonly objects_shape?: number;
  readonly objects_pair?: number;
  readonly objects_exact?: number;
}

export interface CaptionEvaluation {
  readonly source: string;
  readonly metrics: CaptionMetrics;
  /** The input's `id` column, or null when it has none. */
  readonly ids: (string | null)[] | null;
  /** Per-row CIDEr-D, ROUGE-L and objects' (colour, shape) recall, where requested; BLEU is a corpus-level score and has none. */
  readonly perImage: { readonly cider?: number[]; readonly rouge_l?: number[]; readonly objects?: number[] };
}

/**
 * Scores every row's candidate caption against its references with the requested coco-caption metrics, over the
 * whole table in one call: CIDEr-D's document frequencies and BLEU's counts come from the full set, so a subset (or
 * a shard) scores differently.
 */
export async function evaluateCaptions(input: ArrowInput, columns: CaptionColumns, metrics: readonly CaptionMetric[]): Promise<CaptionEvaluation> {
  const { name, schema } = input;
  requireColumn(name, schema, columns.candidates, UTF8);
  requireColumn(name, schema, columns.references, REFERENCES);
  const hasId = optionalColumn(name, schema, 'id', UTF8) !== undefined;
  const candidates: string[] = [];
  const references: string[][] = [];
  const ids: (string | null)[] = [];
  const rowName = (i: number, rowId: string | null): string => `${name}: row ${i}${rowId === null ? '' : ` (id '${rowId}')`}`;
  for await (const batch of input.batches) {
    const cand = column(batch, columns.candidates);
    const refs = column(batch, columns.references);
    const id = hasId ? column(batch, 'id') : null;
    for (let i = 0; i < batch.numRows; i++) {
      const rowId = id ? (id.get(i) as string | null) : null;
      const where = rowName(candidates.length, rowId);
      const candidate = cand.get(i) as string | null;
      if (candidate === null) throw new DataError(`${where}: column '${columns.candidates}' is null; every row needs a candidate caption`);
      const cell = refs.get(i) as Vector | string | null;
      const list = cell === null ? [] : typeof cell === 'string' ? [cell] : ([...cell] as (string | null)[]);
      if (list.length === 0) throw new DataError(`${where}: column '${columns.references}' has no reference captions`);
      if (list.includes(null)) throw new DataError(`${where}: column '${columns.references}' holds a null reference caption`);
      candidates.push(candidate);
      references.push(list as string[]);
      ids.push(rowId);
    }
  }
  if (candidates.length === 0) throw new DataError(`${name}: no rows to evaluate`);

  const asked = new Set(metrics);
  let result: CaptionMetrics = { images: candidates.length, references: references.reduce((n, r) => n + r.length, 0) };
  const perImage: { cider?: number[]; rouge_l?: number[]; objects?: number[] } = {};
  if (asked.has('cider')) {
    const c = ciderD(candidates, references);
    result = { ...result, cider: c.score };
    perImage.cider = c.perImage;
  }
  if (asked.has('bleu')) {
    const b = bleu(candidates, references);
    result = {
      ...result,
      bleu_1: b.bleu[0],
      bleu_2: b.bleu[1],
      bleu_3: b.bleu[2],
      bleu_4: b.bleu[3],
      bleu_test_length: b.testLength,
      bleu_reference_length: b.referenceLength,
    };
  }
  if (asked.has('rouge')) {
    const r = rougeL(candidates, references);
    result = { ...result, rouge_l: r.score };
    perImage.rouge_l = r.perImage;
  }
  if (asked.has('objects')) {
    const o = sceneObjects(candidates, references, (i) => rowName(i, ids[i]));
    result = { ...result, objects_parsed: o.parsed, objects_count: o.count, objects_colour: o.colour, objects_shape: o.shape, objects_pair: o.pair, objects_exact: o.exact };
    perImage.objects = o.perImage;
  }
  return { source: name, metrics: result, ids: hasId ? ids : null, perImage };
}

/**
 * One row per input row: `id` when the input has one (else `row`, its 0-based position), then `cider`, `rouge_l` and
 * `objects` where requested. The set-level scores travel in the schema metadata as `causal.metrics`.
 */
export function captionScoresBatch(e: CaptionEvaluation, provenance: Provenance): RecordBatch {
  const rows = e.metrics.images;
  const key: ColumnSpec = e.ids
    ? { name: 'id', type: new Utf8(), values: e.ids }
    : { name: 'row', type: new Int32(), values: Array.from({ length: rows }, (_, i) => i) };
  const scores: ColumnSpec[] = Object.entries(e.perImage).map(([name, values]) => ({ name, type: new Float64(), values }));
  return makeBatch([key, ...scores], provenanceMetadata(provenance, e.metrics));
}

/** The rows of the stderr table: metric name and set-level value. */
export function captionSummary(m: CaptionMetrics): [string, number][] {
  const rows: [string, number][] = [];
  if (m.cider !== undefined) rows.push(['CIDEr-D (x10 scale; papers print x100)', m.cider]);
  if (m.bleu_1 !== undefined) rows.push(['BLEU-1', m.bleu_1], ['BLEU-2', m.bleu_2!], ['BLEU-3', m.bleu_3!], ['BLEU-4', m.bleu_4!]);
  if (m.rouge_l !== undefined) rows.push(['ROUGE-L', m.rouge_l]);
  if (m.objects_pair !== undefined) {
    rows.push(
      ['objects: candidates in the scene grammar', m.objects_parsed!],
      ['objects: right count', m.objects_count!],
      ['objects: colour recall', m.objects_colour!],
      ['objects: shape recall', m.objects_shape!],
      ['objects: (colour, shape) recall', m.objects_pair!],
      ['objects: exact (colour, shape) set', m.objects_exact!],
    );
  }
  return rows;
}
