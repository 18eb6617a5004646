import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import { DataError } from '../../common/errors.js';
import type { CausePair, Direction } from '../pairs-table.js';
import { parseNumber } from './number.js';
import type { PairMeta } from './pairmeta.js';

/**
 * The CausalDiscoveryToolbox copy renumbers the 99 scalar pairs contiguously; this maps its number back to the
 * benchmark's, skipping the multivariate 52-55 and 71 (shared/data/tuebingen/README.md).
 */
export function originalPairNumber(cdt: number): number {
  if (cdt <= 51) return cdt;
  if (cdt <= 66) return cdt + 4;
  return cdt + 5;
}

/** Tuebingen_targets.csv beside the pairs: Target 1 means A causes B, -1 (or 0) the reverse. */
async function readTargets(file: string): Promise<Map<string, Direction>> {
  const targets = new Map<string, Direction>();
  const text = await fs.readFile(file, 'utf8').catch(() => null);
  if (text === null) return targets;
  for (const line of text.split(/\r?\n/).slice(1)) {
    const [id, target] = line.split(',');
    if (!id || target === undefined) continue;
    targets.set(id.trim(), Number(target) > 0 ? 'x->y' : 'y->x');
  }
  return targets;
}

/**
 * Reads the CDT pairs CSV (`SampleID,A,B`, each cell a space-separated series), one pair at a time. Truth comes
 * from Tuebingen_targets.csv in the same folder when present; weights from `meta` by the original pair number.
 */
export async function* readTuebingenCsv(file: string, meta: Map<number, PairMeta> | null): AsyncGenerator<CausePair> {
  const targets = await readTargets(path.join(path.dirname(file), 'Tuebingen_targets.csv'));
  const parser = createReadStream(file).pipe(parse({ columns: true, skip_empty_lines: true, trim: true }));
  let line = 1;
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    line++;
    const id = row.SampleID;
    if (id === undefined || row.A === undefined || row.B === undefined) {
      throw new DataError(`${file}: expected the header SampleID,A,B`);
    }
    const x = parseSeries(row.A, `${file}: line ${line} (${id}), column A`);
    const y = parseSeries(row.B, `${file}: line ${line} (${id}), column B`);
    const number = /^pair(\d+)$/.exec(id);
    const weight = meta && number ? (meta.get(originalPairNumber(Number(number[1])))?.weight ?? null) : null;
    yield { id, x, y, weight, truth: targets.get(id) ?? null };
  }
}

/** A whitespace-separated series; non-numbers are refused (NaN and Inf pass, for the consuming stage to judge). */
export function parseSeries(cell: string, where: string): Float64Array {
  const tokens = cell.trim().split(/\s+/).filter((t) => t.length > 0);
  const out = new Float64Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const v = parseNumber(tokens[i]);
    if (v === undefined) throw new DataError(`${where}: value ${i + 1} '${tokens[i]}' is not a number`);
    out[i] = v;
  }
  return out;
}
