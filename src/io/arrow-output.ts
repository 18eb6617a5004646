import { createWriteStream, promises as fs } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { RecordBatch, RecordBatchStreamWriter, Schema, Table } from 'apache-arrow';
import { DataError } from '../common/errors.js';
import { temporaryPathFor, trackTemporary, untrackTemporary } from './atomic-file.js';
import { BrokenPipe, isBrokenPipe } from './broken-pipe.js';

/** The end-of-stream marker of the IPC stream format: a continuation token and a zero length. */
const END_OF_STREAM = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/**
 * Writes record batches as one Arrow IPC stream to stdout or to a file, one batch at a time with the destination's
 * backpressure honoured, so a slow reader downstream never makes this process buffer a whole dataset.
 *
 * Each batch is encoded on its own as a complete stream (schema, batch, end marker) and the schema and end
 * marker are cut off by their lengths from the IPC framing; this keeps encoding synchronous and lets the
 * writer await the destination, which the library's internal queue does not allow.
 */
export class ArrowOutput {
  private schema: Schema | null = null;
  private closed = false;

  private constructor(
    private readonly dest: Writable,
    /** Where the data ends up (a path or `stdout`), for messages. */
    readonly name: string,
    private readonly temporary: string | null,
    private readonly target: string | null,
  ) {}

  /** Opens `path`, or stdout when it is undefined or `-`. A file appears under its name only on `close()`. */
  static async open(path?: string): Promise<ArrowOutput> {
    if (path === undefined || path === '-') {
      return new ArrowOutput(process.stdout, 'stdout', null, null);
    }
    const tmp = temporaryPathFor(path);
    trackTemporary(tmp);
    const stream = createWriteStream(tmp);
    await once(stream, 'open');
    return new ArrowOutput(stream, path, tmp, path);
  }

  async write(batch: RecordBatch): Promise<void> {
    const first = this.schema === null;
    if (first) {
      this.schema = batch.schema;
    } else if (!sameFields(this.schema!, batch.schema)) {
      throw new DataError(`${this.name}: a later batch has a different schema from the first`);
    }
    const bytes = RecordBatchStreamWriter.writeAll([batch]).toUint8Array(true);
    const start = first ? 0 : schemaMessageLength(bytes);
    await this.send(bytes.subarray(start, bytes.length - END_OF_STREAM.length));
  }

  async writeAll(batches: AsyncIterable<RecordBatch> | Iterable<RecordBatch>): Promise<void> {
    for await (const batch of batches) await this.write(batch);
  }

  /**
   * Ends the stream. `schema` is written when no batch came, so that an empty result is still a valid table that
   * the next stage can read; a stage whose source always yields a batch may leave it out.
   */
  async close(schema?: Schema): Promise<void> {
    if (this.schema === null) {
      if (!schema) throw new DataError(`${this.name}: nothing to write`);
      const bytes = RecordBatchStreamWriter.writeAll(new Table(schema)).toUint8Array(true);
      await this.send(bytes.subarray(0, bytes.length - END_OF_STREAM.length));
    }
    await this.send(END_OF_STREAM);
    this.closed = true;
    if (this.temporary && this.target) {
      this.dest.end();
      await once(this.dest, 'finish');
      await fs.rename(this.temporary, this.target);
      untrackTemporary(this.temporary);
    }
  }

  /** Drops a partial file; called when the stage fails. Stdout cannot be taken back. */
  async abort(): Promise<void> {
    if (this.closed || !this.temporary) return;
    // writes still queued fail once the stream is destroyed; they are moot, the file is being removed
    this.dest.on('error', () => {});
    this.dest.destroy();
    await fs.rm(this.temporary, { force: true });
    untrackTemporary(this.temporary);
  }

  private async send(chunk: Uint8Array): Promise<void> {
    if (chunk.length === 0) return;
    if (this.dest.destroyed) throw new BrokenPipe();
    if (!this.dest.write(chunk)) {
      // `once` rejects if the stream errors while we wait, so a closed pipe surfaces here too.
      await once(this.dest, 'drain').catch((err: unknown) => {
        throw isBrokenPipe(err) ? new BrokenPipe() : err;
      });
    }
  }
}

function schemaMessageLength(stream: Uint8Array): number {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  return 8 + view.getInt32(4, true);
}

function sameFields(a: Schema, b: Schema): boolean {
  if (a.fields.length !== b.fields.length) return false;
  return a.fields.every((f, i) => f.name === b.fields[i].name && String(f.type) === String(b.fields[i].type));
}

/**
 * Writes `batches` to `path` (or stdout) and closes the stream; on any failure a partial file is removed, never
 * left behind. `schema` is what an empty result is written with.
 */
export async function writeArrow(
  path: string | undefined,
  batches: AsyncIterable<RecordBatch> | Iterable<RecordBatch>,
  schema?: Schema,
): Promise<void> {
  const out = await ArrowOutput.open(path);
  try {
    await out.writeAll(batches);
    await out.close(schema);
  } catch (err) {
    await out.abort();
    throw err;
  }
}
