import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DataError } from '../../common/errors.js';
import type { CausePair } from '../pairs-table.js';
import { parseNumber } from './number.js';
import { type PairMeta, scalarDirection } from './pairmeta.js';

const PAIR_FILE = /^pair(\d{4})\.txt$/;

/** A pair that a folder holds but that cannot be imported, with the reason (reported, never silently dropped). */
export interface SkippedPair {
  readonly id: string;
  readonly reason: string;
}

/**
 * A folder of `pairNNNN.txt` files as the original benchmark ships them (whitespace-separated columns, one row per
 * sample). With metadata, each pair gets its truth and weight, and multivariate pairs are skipped with a reason;
 * without it, only two-column files are read and truth is left empty.
 */
export async function* readPairFolder(
  dir: string,
  meta: Map<number, PairMeta> | null,
  onSkip: (skip: SkippedPair) => void,
): AsyncGenerator<CausePair> {
  const files = (await fs.readdir(dir)).filter((f) => PAIR_FILE.test(f)).sort();
  if (files.length === 0) throw new DataError(`${dir}: no pairNNNN.txt files in this folder`);
  for (const file of files) {
    const number = Number(PAIR_FILE.exec(file)![1]);
    const id = `pair${String(number).padStart(4, '0')}`;
    const info = meta?.get(number);
    const truth = info ? scalarDirection(info) : null;
    if (info && truth === null) {
      onSkip({ id, reason: 'multivariate in pairmeta.txt' });
      continue;
    }
    const columns = await readColumns(path.join(dir, file));
    if (columns.length !== 2) {
      onSkip({ id, reason: `${columns.length} columns, expected 2` });
      continue;
    }
    yield { id, x: columns[0], y: columns[1], weight: info?.weight ?? null, truth };
  }
}

async function readColumns(file: string): Promise<Float64Array[]> {
  const rows = (await fs.readFile(file, 'utf8')).split(/\r?\n/).filter((l) => l.trim().length > 0);
  const width = rows.length ? rows[0].trim().split(/\s+/).length : 0;
  const columns = Array.from({ length: width }, () => new Float64Array(rows.length));
  rows.forEach((row, r) => {
    const cells = row.trim().split(/\s+/);
    if (cells.length !== width) {
      throw new DataError(`${file}: line ${r + 1} has ${cells.length} values, the first line has ${width}`);
    }
    cells.forEach((cell, c) => {
      const v = parseNumber(cell);
      if (v === undefined) throw new DataError(`${file}: line ${r + 1}, column ${c + 1}: '${cell}' is not a number`);
      columns[c][r] = v;
    });
  });
  return columns;
}
