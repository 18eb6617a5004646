// What the bench/lib table scripts share: reading a pipeline's JSON results and summarising seeds.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A reader of the JSON files under `out`: read('relic', 'model.json') is the parsed file, or null when absent. */
export const jsonReader =
  (out) =>
  (...p) => {
    const file = path.join(out, ...p);
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  };

/** [mean, sample sd] of a non-empty list; sd 0 for one value. */
export function meanSd(xs) {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1)) : 0;
  return [m, sd];
}

/** "mean ± sd" of a non-empty list to `digits` places; one value has no spread, so it is printed alone (a "± 0.000" would read as a measured zero). */
export function meanSdText(xs, digits = 3) {
  const [m, sd] = meanSd(xs);
  return xs.length > 1 ? `${m.toFixed(digits)} ± ${sd.toFixed(digits)}` : m.toFixed(digits);
}
