import { promises as fs } from 'node:fs';
import { DataError } from '../../common/errors.js';
import type { Direction } from '../pairs-table.js';

/** One line of the benchmark's pairmeta.txt: 1-based column ranges of cause and effect, and the pair's weight. */
export interface PairMeta {
  readonly original: number;
  readonly causeColumns: readonly [number, number];
  readonly effectColumns: readonly [number, number];
  readonly weight: number;
}

export async function readPairMeta(file: string): Promise<Map<number, PairMeta>> {
  const text = await fs.readFile(file, 'utf8');
  const meta = new Map<number, PairMeta>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const cells = line.trim().split(/\s+/).map(Number);
    if (cells.length !== 6 || cells.some((c) => !Number.isFinite(c))) {
      throw new DataError(`${file}: line ${i + 1} must hold 6 numbers (pair, cause and effect ranges, weight)`);
    }
    const [pair, c0, c1, e0, e1, weight] = cells;
    meta.set(pair, { original: pair, causeColumns: [c0, c1], effectColumns: [e0, e1], weight });
  });
  return meta;
}

/**
 * The direction of a scalar pair, or null for a multivariate one (a range wider than one column), which a
 * bivariate method cannot use.
 */
export function scalarDirection(meta: PairMeta): Direction | null {
  const [c0, c1] = meta.causeColumns;
  const [e0, e1] = meta.effectColumns;
  if (c0 !== c1 || e0 !== e1) return null;
  if (c0 === 1 && e0 === 2) return 'x->y';
  if (c0 === 2 && e0 === 1) return 'y->x';
  return null;
}
