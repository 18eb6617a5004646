import { UsageError } from '../common/errors.js';
import { normaliseCaption } from './postprocess.js';

/**
 * The concept list from `--concepts` text: comma-separated (a flag value) or one per line (a file); blank lines and
 * lines starting with `#` are skipped. Concepts are normalised like captions, so `Red Cube` prompts `red cube` and
 * coverage can find it in the captions; repeats are an error, since they would silently double a concept's share.
 */
export function parseConcepts(text: string, source: string, separator: ',' | '\n'): string[] {
  const items = text
    .split(separator === ',' ? ',' : /\r?\n/)
    .filter((line) => !line.trimStart().startsWith('#'))
    .map(normaliseCaption)
    .filter((c) => c !== '');
  if (items.length === 0) throw new UsageError(`${source}: no concepts`);
  const seen = new Set<string>();
  for (const c of items) {
    if (seen.has(c)) throw new UsageError(`${source}: concept '${c}' is listed twice`);
    seen.add(c);
  }
  return items;
}
