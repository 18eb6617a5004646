import { Field, RecordBatch, RecordBatchStreamWriter, Schema, Table, Utf8 } from 'apache-arrow';
import { promises as fs } from 'node:fs';
import { DataError, UsageError } from '../common/errors.js';
import type { BackendCounters, CaptionBackend } from '../captions/backend.js';
import { type BalanceOptions, conceptSchedule } from '../captions/balance.js';
import { type CaptionRow, CaptionGenerator, type GenerateOptions, type Rejection } from '../captions/generate.js';
import { parseConcepts } from '../captions/concepts.js';
import { type CaptionStatistics, CaptionStats } from '../captions/stats.js';
import { openArrowInput } from '../io/arrow-input.js';
import { ArrowOutput } from '../io/arrow-output.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { provenanceMetadata } from '../io/batch.js';
import { UTF8, requireColumn } from '../io/columns.js';
import { batchOf, utf8Data } from '../io/images.js';
import { attributeData, attributeFields, sceneOfRow } from '../scenes/index.js';

export interface GenerateCaptionsOptions extends Omit<GenerateOptions, 'schedule'>, BalanceOptions {
  readonly concepts: readonly string[];
  /** The Arrow file to write (flushed every `flushEvery` rows); stdout, streamed in batches, when absent. */
  readonly output?: string;
  readonly flushEvery: number;
  /** Keep the rows already in `output` and continue from the next index. */
  readonly resume: boolean;
  /**
   * Everything that decides what the captions are (concepts, balance, backend, model, prompt...): a resumed file
   * must have been written with the same values, or its rows would not match the rows this run would produce.
   */
  readonly generationParams: Readonly<Record<string, unknown>>;
  /** Settings that may change between a run and its resumption (count, timeouts, concurrency...). */
  readonly runParams: Readonly<Record<string, unknown>>;
  /** Called after each row with the number of rows so far. */
  readonly onRow?: (rows: number) => void;
}

/** The statistics of the whole output, plus what it cost; counters add up over every run that built the file. */
export interface GenerateCaptionsMetrics extends CaptionStatistics {
  readonly rejections: Readonly<Record<Rejection, number>>;
  readonly duplicates_kept: number;
  readonly requests: number;
  readonly retries: Readonly<Record<string, number>>;
  /** Rows taken over from the file by --resume (0 without it). */
  readonly resumed_rows: number;
}

const STAGE = 'generate-captions';

/** The caption table (docs/generate-captions.md): the scene table's attribute columns, null where no scene is known. */
export const CAPTION_FIELDS = [
  new Field('id', new Utf8(), false),
  new Field('caption', new Utf8(), false),
  new Field('concept', new Utf8(), false),
  ...attributeFields(true),
];

/** Row ids sort in row order and do not depend on --count, so a resumed run with a larger count extends them. */
function captionId(index: number): string {
  return `cap-${String(index).padStart(6, '0')}`;
}

/** `--concepts` as given: a comma-separated list, or `@FILE` with one concept a line. */
export async function readConceptList(arg: string): Promise<string[]> {
  if (!arg.startsWith('@')) return parseConcepts(arg, '--concepts', ',');
  const file = arg.slice(1);
  const text = await fs.readFile(file, 'utf8').catch(() => {
    throw new UsageError(`--concepts: cannot read ${file}`);
  });
  return parseConcepts(text, file, '\n');
}

/**
 * Generates the caption table. With an output file, every row so far is rewritten to it atomically each `flushEvery`
 * rows, and once more when the run fails, so a crash loses at most the rows since the last flush and a failure none;
 * the error then says how many rows were kept and how to resume. To stdout, rows stream in batches as they come.
 */
export async function generateCaptions(backend: CaptionBackend, o: GenerateCaptionsOptions): Promise<GenerateCaptionsMetrics> {
  if (o.resume && !o.output) throw new UsageError('--resume needs -o PATH: the rows to keep are read from that file');
  const previous = o.resume ? await readResumed(o.output!, o) : { rows: [], metrics: null };
  const stats = new CaptionStats(o.concepts);
  for (const r of previous.rows) stats.add(r.caption, r.concept);
  const generator = new CaptionGenerator(backend, { ...o, schedule: conceptSchedule(o.concepts, o) });
  const metrics = (): GenerateCaptionsMetrics =>
    mergedMetrics(stats.summary(), generator, backend.counters(), previous.metrics, previous.rows.length);
  const params = { ...o.generationParams, ...o.runParams, count: o.count };
  const metadata = (): Map<string, string> => provenanceMetadata({ stage: STAGE, seed: o.seed, params }, metrics());
  const sink = o.output ? new FileSink(o.output) : await StreamSink.open();
  // rows not yet handed to the sink; a resumed file's rows go into the first flush, which rewrites the file
  let pending: CaptionRow[] = [...previous.rows];
  let total = previous.rows.length;
  let sinceFlush = 0;
  try {
    for await (const row of generator.rows(previous.rows)) {
      pending.push(row);
      stats.add(row.caption, row.concept);
      total++;
      o.onRow?.(total);
      if (++sinceFlush >= o.flushEvery) {
        await sink.write(pending, metadata());
        pending = [];
        sinceFlush = 0;
      }
    }
  } catch (err) {
    await sink.write(pending, metadata());
    await sink.close();
    throw keptRowsError(err, total, o.output);
  }
  if (!o.output || total > previous.rows.length) await sink.write(pending, metadata());
  await sink.close(new Schema(CAPTION_FIELDS, metadata()));
  return metrics();
}

function mergedMetrics(
  stats: CaptionStatistics,
  generator: CaptionGenerator,
  backend: BackendCounters,
  previous: GenerateCaptionsMetrics | null,
  resumed: number,
): GenerateCaptionsMetrics {
  const add = <K extends string>(a: Readonly<Record<K, number>>, b?: Readonly<Record<string, number>>): Record<K, number> => {
    const out = { ...a } as Record<string, number>;
    for (const [k, v] of Object.entries(b ?? {})) out[k] = (out[k] ?? 0) + v;
    return out as Record<K, number>;
  };
  return {
    ...stats,
    rejections: add(generator.rejections, previous?.rejections),
    duplicates_kept: generator.duplicatesKept + (previous?.duplicates_kept ?? 0),
    requests: backend.requests + (previous?.requests ?? 0),
    retries: add(backend.retries, previous?.retries),
    resumed_rows: resumed,
  };
}

/** The failure, one line, with where the rows went and how to go on; UsageError stays a usage error. */
function keptRowsError(err: unknown, kept: number, output?: string): Error {
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  const where = output
    ? `${kept} rows kept in ${output}; rerun the same command with --resume to continue`
    : `${kept} rows were written to stdout before the error`;
  return err instanceof UsageError ? new UsageError(`${message} (${where})`) : new DataError(`${message} (${where})`);
}

interface Sink {
  /** Makes `rows` (the rows since the last call) durable, with `metadata` as the schema's. */
  write(rows: readonly CaptionRow[], metadata: Map<string, string>): Promise<void>;
  close(emptySchema?: Schema): Promise<void>;
}

/**
 * Every call rewrites the whole table under a temporary name and renames it, so the file is always complete. Each
 * record batch is encoded once and its IPC message kept; a rewrite is a new schema message (with the newest
 * metadata), the kept messages and the end-of-stream marker.
 */
class FileSink implements Sink {
  private readonly messages: Uint8Array[] = [];
  /** The schema message of a batch encoded alone, to be cut off its stream (the schema is constant without metadata). */
  private readonly plainSchemaBytes = streamBytes(new Table(new Schema(CAPTION_FIELDS))).length - END_OF_STREAM_BYTES;

  constructor(private readonly path: string) {}

  async write(rows: readonly CaptionRow[], metadata: Map<string, string>): Promise<void> {
    if (rows.length > 0) {
      const bytes = streamBytes([captionBatch(rows, new Map())]);
      this.messages.push(bytes.subarray(this.plainSchemaBytes, bytes.length - END_OF_STREAM_BYTES));
    }
    const header = streamBytes(new Table(new Schema(CAPTION_FIELDS, metadata)));
    const schema = header.subarray(0, header.length - END_OF_STREAM_BYTES);
    await writeFileAtomic(this.path, Buffer.concat([schema, ...this.messages, header.subarray(schema.length)]));
  }

  async close(): Promise<void> {}
}

/** The IPC stream format ends with an 8-byte marker (continuation token, zero length). */
const END_OF_STREAM_BYTES = 8;

function streamBytes(source: Table | RecordBatch[]): Uint8Array {
  return RecordBatchStreamWriter.writeAll(source as RecordBatch[]).toUint8Array(true);
}

/**
 * Batches sent as produced. The schema goes out with the first batch, before the statistics are known, so a stream
 * carries no `causal.metrics` (rather than those of its first batch); the summary on stderr or --json has them.
 */
class StreamSink implements Sink {
  private constructor(private readonly out: ArrowOutput) {}

  static async open(): Promise<StreamSink> {
    return new StreamSink(await ArrowOutput.open());
  }

  async write(rows: readonly CaptionRow[], metadata: Map<string, string>): Promise<void> {
    metadata.delete('causal.metrics');
    if (rows.length > 0) await this.out.write(captionBatch(rows, metadata));
  }

  async close(emptySchema?: Schema): Promise<void> {
    await this.out.close(emptySchema ?? new Schema(CAPTION_FIELDS));
  }
}

/** Caption rows as one record batch of the caption table (`causal synth` streams its captions this way too). */
export function captionBatch(rows: readonly CaptionRow[], metadata: Map<string, string>): RecordBatch {
  return batchOf(new Schema(CAPTION_FIELDS, metadata), [
    utf8Data(rows.map((r) => captionId(r.index))),
    utf8Data(rows.map((r) => r.caption)),
    utf8Data(rows.map((r) => r.concept)),
    ...attributeData(rows.map((r) => r.scene)),
  ]);
}

interface Resumed {
  readonly rows: CaptionRow[];
  readonly metrics: GenerateCaptionsMetrics | null;
}

/** The rows of an earlier run's file, after checking that it was made by this stage with the same generation settings. */
async function readResumed(path: string, o: GenerateCaptionsOptions): Promise<Resumed> {
  if (!(await fs.stat(path).catch(() => null))) return { rows: [], metrics: null };
  const input = await openArrowInput(path);
  const meta = input.schema.metadata;
  if (meta.get('causal.stage') !== STAGE) {
    throw new UsageError(`--resume: ${path} was not written by generate-captions (stage '${meta.get('causal.stage') ?? 'none'}')`);
  }
  const before: Record<string, unknown> = { ...(JSON.parse(meta.get('causal.params') ?? '{}') as Record<string, unknown>), seed: Number(meta.get('causal.seed')) };
  const now = { ...o.generationParams, seed: o.seed };
  const shown = (v: unknown): string => {
    const json = JSON.stringify(v ?? null);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  };
  for (const [key, value] of Object.entries(now)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(value ?? null)) {
      throw new UsageError(`--resume: ${path} was generated with ${key} = ${shown(before[key])}, this run has ${shown(value)}; use the same settings, or another -o`);
    }
  }
  for (const name of ['id', 'caption', 'concept']) requireColumn(path, input.schema, name, UTF8);
  const rows: CaptionRow[] = [];
  for await (const batch of input.batches) {
    const [ids, captions, concepts] = ['id', 'caption', 'concept'].map((name) => batch.getChild(name)!);
    for (let i = 0; i < batch.numRows; i++) {
      const index = rows.length;
      const id = ids.get(i) as string;
      if (id !== captionId(index)) throw new DataError(`${path}: row ${index} has id '${id}', expected '${captionId(index)}'; was the file edited?`);
      rows.push({ index, caption: captions.get(i) as string, concept: concepts.get(i) as string, scene: sceneOfRow(batch, i, path) });
    }
  }
  const metrics = meta.get('causal.metrics');
  return { rows, metrics: metrics ? (JSON.parse(metrics) as GenerateCaptionsMetrics) : null };
}
