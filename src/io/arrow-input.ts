import { createReadStream, promises as fs } from 'node:fs';
import { RecordBatch, RecordBatchReader, Schema } from 'apache-arrow';
import { DataError, UsageError } from '../common/errors.js';

/** An opened Arrow input: its schema up front, then its batches, read lazily so memory stays flat. */
export interface ArrowInput {
  /** The file path, or `stdin`; used to name the source in error messages. */
  readonly name: string;
  readonly schema: Schema;
  readonly batches: AsyncIterable<RecordBatch>;
}

const FILE_MAGIC = 'ARROW1';

/**
 * Opens a path, or `-` for stdin. The IPC file and stream formats are both accepted and told apart by content, not by
 * extension. A file in the file format is read with random access; stdin is always read as it arrives.
 */
export async function openArrowInput(source: string): Promise<ArrowInput> {
  if (source === '-') {
    if (process.stdin.isTTY) {
      throw new UsageError('no input: give an Arrow file path, or pipe an Arrow stream into stdin');
    }
    return openReader('stdin', process.stdin);
  }
  const stat = await fs.stat(source).catch(() => null);
  if (!stat) throw new UsageError(`${source}: no such file`);
  if (stat.isDirectory()) throw new UsageError(`${source}: is a directory, expected an Arrow IPC file`);
  const head = Buffer.alloc(6);
  const handle = await fs.open(source, 'r');
  const { bytesRead } = await handle.read(head, 0, 6, 0);
  if (bytesRead === 6 && head.toString('latin1') === FILE_MAGIC) {
    return openReader(source, handle);
  }
  await handle.close();
  return openReader(source, createReadStream(source));
}

async function openReader(
  name: string,
  source: NodeJS.ReadableStream | fs.FileHandle,
): Promise<ArrowInput> {
  let reader: Awaited<ReturnType<typeof RecordBatchReader.from>>;
  try {
    reader = await RecordBatchReader.from(source as NodeJS.ReadableStream);
    await reader.open();
  } catch (err) {
    throw notArrow(name, err);
  }
  if (!reader.schema) {
    throw new DataError(`${name}: empty input, expected an Arrow IPC stream or file`);
  }
  const schema = reader.schema;
  async function* batches(): AsyncGenerator<RecordBatch> {
    try {
      for await (const batch of reader) yield batch;
    } catch (err) {
      throw notArrow(name, err);
    }
  }
  return { name, schema, batches: batches() };
}

function notArrow(name: string, err: unknown): DataError {
  const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return new DataError(`${name}: not a valid Arrow IPC stream or file (${detail})`);
}
