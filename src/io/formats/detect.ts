import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../common/errors.js';

export const IMPORT_FORMATS = ['csv', 'tsv', 'tuebingen', 'pair-files'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * The format of an import source, from its content rather than trusting the name alone: a folder is a set of pair
 * files, a CSV whose header is `SampleID,A,B` is the Tübingen copy, `.tsv`/`.tab` is tab-separated, the rest CSV.
 */
export async function detectFormat(source: string): Promise<ImportFormat> {
  const stat = await fs.stat(source).catch(() => null);
  if (!stat) throw new UsageError(`${source}: no such file or folder`);
  if (stat.isDirectory()) return 'pair-files';
  const handle = await fs.open(source, 'r');
  const head = Buffer.alloc(64);
  const { bytesRead } = await handle.read(head, 0, 64, 0);
  await handle.close();
  const text = head.subarray(0, bytesRead).toString('latin1');
  if (text.startsWith('ARROW1') || head.readUInt32LE(0) === 0xffffffff) {
    throw new UsageError(`${source}: is already Arrow; stages read it directly`);
  }
  if (/^SampleID,A,B\r?\n/.test(text)) return 'tuebingen';
  const ext = path.extname(source).toLowerCase();
  return ext === '.tsv' || ext === '.tab' ? 'tsv' : 'csv';
}
