import { createReadStream } from 'node:fs';
import { DataType, Float64, RecordBatch, Utf8 } from 'apache-arrow';
import { parse } from 'csv-parse';
import { DataError } from '../../common/errors.js';
import { makeBatch } from '../batch.js';
import { parseNumber } from './number.js';

export interface CsvOptions {
  readonly delimiter: string;
  readonly batchRows: number;
}

/**
 * A CSV or TSV table with a header row, as record batches of `batchRows` rows. Column types are inferred from the
 * first batch (Float64 where every non-empty cell is a number, else Utf8); a later cell that breaks the inferred
 * type is an error naming its line and column, since changing a column's type mid-stream would break the schema.
 * Empty cells are nulls.
 */
export async function* readCsvTable(
  file: string,
  options: CsvOptions,
  metadata: Map<string, string>,
): AsyncGenerator<RecordBatch> {
  const parser = createReadStream(file).pipe(
    parse({ delimiter: options.delimiter, relax_column_count: false, skip_empty_lines: true }),
  );
  let header: string[] | null = null;
  let types: DataType[] | null = null;
  let rows: string[][] = [];
  let firstLine = 2;
  const flush = (): RecordBatch => {
    types ??= header!.map((_, c) => (rows.every((r) => r[c] === '' || parseNumber(r[c]) !== undefined) ? new Float64() : new Utf8()));
    const batch = makeBatch(
      header!.map((name, c) => ({
        name,
        type: types![c],
        values: rows.map((r, i) => cellValue(r[c], types![c], file, firstLine + i, name)),
      })),
      metadata,
    );
    firstLine += rows.length;
    rows = [];
    return batch;
  };
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header === null) {
        header = record.map((h) => h.trim());
        const seen = new Set<string>();
        for (const h of header) {
          if (seen.has(h)) throw new DataError(`${file}: duplicate column name '${h}' in the header`);
          seen.add(h);
        }
        continue;
      }
      rows.push(record);
      if (rows.length === options.batchRows) yield flush();
    }
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw new DataError(`${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (header === null) throw new DataError(`${file}: empty file, expected a header row`);
  if (rows.length > 0 || types === null) yield flush();
}

function cellValue(cell: string, type: DataType, file: string, line: number, column: string): unknown {
  if (cell === '') return null;
  if (type instanceof Utf8) return cell;
  const v = parseNumber(cell);
  if (v === undefined) {
    throw new DataError(`${file}: line ${line}, column '${column}': '${cell}' is not a number, but earlier rows were`);
  }
  return v;
}
